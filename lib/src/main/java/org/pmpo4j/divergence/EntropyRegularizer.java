package org.pmpo4j.divergence;

import ai.djl.ndarray.NDArray;
import org.pmpo4j.policy.ArrayShapes;
import org.pmpo4j.policy.CategoricalPolicy;
import org.pmpo4j.policy.GaussianPolicy;

/**
 * Negative entropy of the trained policy, D = −H(π_θ) = E_{y~π_θ}[log π_θ(y)], so that a term β·D in a
 * loss is an entropy bonus. The value does not depend on π_ref, which only fixes the shapes and, in
 * {@link #estimate}, the sampling distribution.
 *
 * <p>Unlike the other divergences this one is not ≥ 0 and not 0 at π_θ = π_ref: a Gaussian with
 * σ &gt; (2πe)^(−½) per dimension gives D &lt; 0, and a categorical gives D in [−log V, 0]. Diagonal
 * Gaussian: D = −Σ_d [log σ_d + ½ log(2πe)]. Categorical: D = Σ_v π_θ(v) log π_θ(v).
 */
public record EntropyRegularizer() implements Divergence {

    @Override
    public String name() {
        return "entropy";
    }

    /** {@inheritDoc} The result has the shape of the policy's leading axes. */
    @Override
    public NDArray gaussian(
            NDArray referenceMean, NDArray referenceLogStd, NDArray policyMean, NDArray policyLogStd) {
        GaussianArguments.validate(referenceMean, referenceLogStd, policyMean, policyLogStd);
        return GaussianPolicy.entropy(policyLogStd).neg(); // (...)
    }

    @Override
    public NDArray categorical(NDArray referenceLogProbs, NDArray policyLogProbs) {
        ArrayShapes.requireSameShape("referenceLogProbs", referenceLogProbs, "policyLogProbs", policyLogProbs);
        return CategoricalPolicy.entropy(policyLogProbs).neg(); // (...)
    }

    /**
     * {@inheritDoc}
     *
     * <p>The per-sample term is r·log π_θ(y), the importance-weighted form of E_{y~π_θ}[log π_θ(y)].
     * Unlike the other estimators its terms can have either sign.
     */
    @Override
    public NDArray estimate(NDArray referenceLogProbs, NDArray policyLogProbs) {
        ArrayShapes.requireSameShape("referenceLogProbs", referenceLogProbs, "policyLogProbs", policyLogProbs);
        NDArray ratio = policyLogProbs.sub(referenceLogProbs).exp(); // (..., N)
        return ratio.mul(policyLogProbs).mean(new int[] {-1}); // (...)
    }
}
