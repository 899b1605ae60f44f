package org.pmpo4j.divergence;

import ai.djl.ndarray.NDArray;
import org.pmpo4j.policy.ArrayShapes;
import org.pmpo4j.policy.CategoricalPolicy;
import org.pmpo4j.policy.GaussianPolicy;

/**
 * Kullback–Leibler divergence between the reference policy and the trained policy, in either direction.
 *
 * <ul>
 *   <li>{@link Direction#REFERENCE_POLICY}: KL(π_ref‖π_θ) = E_{y~π_ref}[log π_ref(y) − log π_θ(y)], the
 *       forward, mass-covering direction. This is the regulariser of the PMPO objective
 *       (Abdolmaleki et al., "Learning from negative feedback, or positive feedback or both",
 *       ICLR 2025), where it comes out of the EM derivation for rejected samples.
 *   <li>{@link Direction#POLICY_REFERENCE}: KL(π_θ‖π_ref) = E_{y~π_θ}[log π_θ(y) − log π_ref(y)], the
 *       reverse, mode-seeking direction used by RLHF-style penalties.
 * </ul>
 *
 * <p>Both are ≥ 0 and 0 exactly when π_θ = π_ref. The Gaussian form is the closed form of
 * {@link GaussianPolicy#kl}, and the categorical form is {@link CategoricalPolicy#kl}. They are the
 * α → 1 and α → 0 limits of {@link AlphaDivergence}.
 *
 * @param direction which policy is the first argument of the KL
 */
public record KlDivergence(Direction direction) implements Divergence {

    /** Argument order of the KL. */
    public enum Direction {
        /** KL(π_ref‖π_θ), the PMPO term. */
        REFERENCE_POLICY("kl-reference-policy"),
        /** KL(π_θ‖π_ref). */
        POLICY_REFERENCE("kl-policy-reference");

        private final String divergenceName;

        Direction(String divergenceName) {
            this.divergenceName = divergenceName;
        }
    }

    /** Validates the direction. */
    public KlDivergence {
        if (direction == null) {
            throw new IllegalArgumentException(
                    "direction must not be null; use REFERENCE_POLICY for the PMPO term KL(reference||policy)");
        }
    }

    /** Creates KL(π_ref‖π_θ), the divergence term of PMPO. */
    public static KlDivergence referencePolicy() {
        return new KlDivergence(Direction.REFERENCE_POLICY);
    }

    /** Creates KL(π_θ‖π_ref). */
    public static KlDivergence policyReference() {
        return new KlDivergence(Direction.POLICY_REFERENCE);
    }

    @Override
    public String name() {
        return direction.divergenceName;
    }

    @Override
    public NDArray gaussian(
            NDArray referenceMean, NDArray referenceLogStd, NDArray policyMean, NDArray policyLogStd) {
        GaussianArguments.validate(referenceMean, referenceLogStd, policyMean, policyLogStd);
        if (direction == Direction.REFERENCE_POLICY) {
            return GaussianPolicy.kl(referenceMean, referenceLogStd, policyMean, policyLogStd);
        }
        return GaussianPolicy.kl(policyMean, policyLogStd, referenceMean, referenceLogStd);
    }

    @Override
    public NDArray categorical(NDArray referenceLogProbs, NDArray policyLogProbs) {
        ArrayShapes.requireSameShape("referenceLogProbs", referenceLogProbs, "policyLogProbs", policyLogProbs);
        if (direction == Direction.REFERENCE_POLICY) {
            return CategoricalPolicy.kl(referenceLogProbs, policyLogProbs);
        }
        return CategoricalPolicy.kl(policyLogProbs, referenceLogProbs);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The per-sample term is the α = 1 or α = 0 case of {@link AlphaDivergence#estimate(double,
     * NDArray, NDArray)}: (r − 1) − log r for KL(π_ref‖π_θ) and r log r − (r − 1) for KL(π_θ‖π_ref).
     * The added r − 1 has mean 0 under π_ref, so it leaves the estimate unbiased and makes every term
     * ≥ 0. When π_θ is close to π_ref it also has a lower variance than the plain log-ratio.
     */
    @Override
    public NDArray estimate(NDArray referenceLogProbs, NDArray policyLogProbs) {
        double alpha = direction == Direction.REFERENCE_POLICY ? 1.0 : 0.0;
        return AlphaDivergence.estimate(alpha, referenceLogProbs, policyLogProbs);
    }
}
