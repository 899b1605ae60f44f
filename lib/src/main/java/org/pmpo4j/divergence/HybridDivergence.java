package org.pmpo4j.divergence;

import org.pmpo4j.training.NativeArrays;
import ai.djl.ndarray.NDArray;

/**
 * Mixture of an α-divergence and the PMPO term:
 * D = mix·D_α(π_ref‖π_θ) + (1 − mix)·KL(π_ref‖π_θ), see {@link AlphaDivergence} and
 * {@link KlDivergence}.
 *
 * <p>Valid ranges: mix in [0, 1] and α any finite real number, with the finiteness conditions of
 * {@link AlphaDivergence} for α outside [0, 1]. As a convex combination of divergences D ≥ 0, and
 * D = 0 exactly when π_θ = π_ref. mix = 0 gives KL(π_ref‖π_θ), mix = 1 gives D_α, and a part whose
 * weight is 0 is not computed.
 *
 * @param alpha the order α of the α-divergence part
 * @param mix the weight of the α-divergence part
 */
public record HybridDivergence(double alpha, double mix) implements Divergence {

    /** Validates α and the mixing weight. */
    public HybridDivergence {
        AlphaDivergence.requireFiniteAlpha(alpha);
        if (!(mix >= 0.0 && mix <= 1.0)) {
            throw new IllegalArgumentException("mix must be in [0, 1], got " + mix
                    + "; use 1 for the pure alpha-divergence and 0 for KL(reference||policy)");
        }
    }

    @Override
    public String name() {
        return "hybrid-" + alpha + "-" + mix;
    }

    @Override
    public NDArray gaussian(
            NDArray referenceMean, NDArray referenceLogStd, NDArray policyMean, NDArray policyLogStd) {
        GaussianArguments.validate(referenceMean, referenceLogStd, policyMean, policyLogStd);
        if (mix == 0.0) {
            return kl().gaussian(referenceMean, referenceLogStd, policyMean, policyLogStd);
        }
        NDArray alphaPart = alphaDivergence().gaussian(referenceMean, referenceLogStd, policyMean, policyLogStd);
        if (mix == 1.0) {
            return alphaPart;
        }
        NDArray klPart = kl().gaussian(referenceMean, referenceLogStd, policyMean, policyLogStd);
        return NativeArrays.scale(alphaPart, mix).add(NativeArrays.scale(klPart, 1.0 - mix));
    }

    @Override
    public NDArray categorical(NDArray referenceLogProbs, NDArray policyLogProbs) {
        if (mix == 0.0) {
            return kl().categorical(referenceLogProbs, policyLogProbs);
        }
        NDArray alphaPart = alphaDivergence().categorical(referenceLogProbs, policyLogProbs); // (...)
        if (mix == 1.0) {
            return alphaPart;
        }
        NDArray klPart = kl().categorical(referenceLogProbs, policyLogProbs); // (...)
        return NativeArrays.scale(alphaPart, mix).add(NativeArrays.scale(klPart, 1.0 - mix));
    }

    /** {@inheritDoc} The per-sample term is the same mixture of the two parts' terms. */
    @Override
    public NDArray estimate(NDArray referenceLogProbs, NDArray policyLogProbs) {
        if (mix == 0.0) {
            return kl().estimate(referenceLogProbs, policyLogProbs);
        }
        NDArray alphaPart = alphaDivergence().estimate(referenceLogProbs, policyLogProbs); // (...)
        if (mix == 1.0) {
            return alphaPart;
        }
        NDArray klPart = kl().estimate(referenceLogProbs, policyLogProbs); // (...)
        return NativeArrays.scale(alphaPart, mix).add(NativeArrays.scale(klPart, 1.0 - mix));
    }

    private AlphaDivergence alphaDivergence() {
        return new AlphaDivergence(alpha);
    }

    private static KlDivergence kl() {
        return KlDivergence.referencePolicy();
    }
}
