package org.pmpo4j.divergence;

import org.pmpo4j.training.NativeArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.pmpo4j.policy.ArrayShapes;
import org.pmpo4j.policy.CategoricalPolicy;
import org.pmpo4j.policy.GaussianPolicy;

/**
 * Amari α-divergence D_α(p‖q) = (1 − ∫ p^α q^(1−α)) / (α(1 − α)) with p = π_ref and q = π_θ. This is
 * the parameterisation in which α → 1 gives KL(p‖q). The Gaussian closed form below agrees with
 * B. Belousov, "α-Divergence between Gaussians" (boris-belousov.net, 2017), which also derives the
 * finiteness condition s &gt; 0.
 *
 * <p>Limits: α → 1 gives KL(π_ref‖π_θ), the PMPO term, and α → 0 gives KL(π_θ‖π_ref). At α exactly
 * 1 or 0 this class returns those KLs. α = ½ gives 4·(1 − Bhattacharyya coefficient), which is
 * symmetric in p and q. D_α ≥ 0 for every α, and D_α = 0 exactly when p = q.
 *
 * <p>Valid α: any finite real number. For α in [0, 1] the divergence is finite for all Gaussians and
 * for categoricals with finite log-probabilities. Outside [0, 1] the integral can diverge (see
 * {@link #gaussian(NDArray, NDArray, NDArray, NDArray)}).
 *
 * <p>Diagonal Gaussians, per dimension with s = α σ_θ² + (1 − α) σ_ref² and Δ = μ_ref − μ_θ:
 * log ∫ p^α q^(1−α) = (1 − α) log σ_ref + α log σ_θ − ½ log s − α(1 − α) Δ² / (2 s). The log-integral
 * of the product density is the sum of these terms over D. Categoricals:
 * log Σ_v p_v^α q_v^(1−α) = logsumexp_v(α log p_v + (1 − α) log q_v).
 *
 * @param alpha the order α of the divergence
 */
public record AlphaDivergence(double alpha) implements Divergence {

    /** Validates α. */
    public AlphaDivergence {
        requireFiniteAlpha(alpha);
    }

    @Override
    public String name() {
        return "alpha-" + alpha;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The integral is finite iff s = α σ_θ² + (1 − α) σ_ref² &gt; 0 in every dimension, which holds
     * for every α in [0, 1]. For α &gt; 1 the condition reads σ_θ² &gt; (α − 1)/α · σ_ref². For α &lt; 0
     * it reads σ_θ² &lt; (1 − α)/(−α) · σ_ref². Outside [0, 1] this method checks it on the host.
     *
     * @throws IllegalArgumentException if the shapes do not match, or if α is outside [0, 1] and s ≤ 0
     *     in some dimension, where the divergence is +∞
     */
    @Override
    public NDArray gaussian(
            NDArray referenceMean, NDArray referenceLogStd, NDArray policyMean, NDArray policyLogStd) {
        GaussianArguments.validate(referenceMean, referenceLogStd, policyMean, policyLogStd);
        if (alpha == 1.0) {
            return GaussianPolicy.kl(referenceMean, referenceLogStd, policyMean, policyLogStd);
        }
        if (alpha == 0.0) {
            return GaussianPolicy.kl(policyMean, policyLogStd, referenceMean, referenceLogStd);
        }

        NDArray referenceVariance = NativeArrays.scale(referenceLogStd, 2.0).exp(); // (D)
        NDArray policyVariance = NativeArrays.scale(policyLogStd, 2.0).exp(); // (D)
        NDArray mixedVariance = NativeArrays.scale(policyVariance, alpha)
                .add(NativeArrays.scale(referenceVariance, 1.0 - alpha)); // (D)
        if (alpha < 0.0 || alpha > 1.0) {
            requirePositiveMixedVariance(mixedVariance);
        }

        NDArray meanGapSquared = referenceMean.sub(policyMean).square(); // (D)
        NDArray logIntegral = NativeArrays.scale(referenceLogStd, 1.0 - alpha) // (D)
                .add(NativeArrays.scale(policyLogStd, alpha))
                .sub(NativeArrays.scale(mixedVariance.log(), 0.5))
                .sub(NativeArrays.scale(meanGapSquared.div(mixedVariance), alpha * (1.0 - alpha) / 2.0))
                .sum(new int[] {-1}); // ()
        return fromLogIntegral(logIntegral);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For α in (0, 1) a class with probability 0 under one policy contributes 0 to the integral. For
     * α outside [0, 1] such a class makes the result +∞, without an exception, because checking every
     * row on the host would cost a copy of the whole array.
     */
    @Override
    public NDArray categorical(NDArray referenceLogProbs, NDArray policyLogProbs) {
        ArrayShapes.requireSameShape("referenceLogProbs", referenceLogProbs, "policyLogProbs", policyLogProbs);
        if (alpha == 1.0) {
            return CategoricalPolicy.kl(referenceLogProbs, policyLogProbs);
        }
        if (alpha == 0.0) {
            return CategoricalPolicy.kl(policyLogProbs, referenceLogProbs);
        }

        NDArray logTerms = NativeArrays.scale(referenceLogProbs, alpha)
                .add(NativeArrays.scale(policyLogProbs, 1.0 - alpha)); // (..., V)
        return fromLogIntegral(logSumExp(logTerms)); // (...)
    }

    /**
     * {@inheritDoc}
     *
     * <p>The per-sample term is ((1 − r^(1−α)) + (1 − α)(r − 1)) / (α(1 − α)), because
     * ∫ p^α q^(1−α) = E_{y~π_ref}[r^(1−α)] and E_{y~π_ref}[r − 1] = 0. The added r − 1 makes the term a
     * convex function of r with minimum 0 at r = 1, so every term is ≥ 0.
     */
    @Override
    public NDArray estimate(NDArray referenceLogProbs, NDArray policyLogProbs) {
        return estimate(alpha, referenceLogProbs, policyLogProbs);
    }

    /**
     * Estimates D_α(π_ref‖π_θ) from N samples of π_ref, as documented on {@link #estimate(NDArray,
     * NDArray)}. At α = 1 the term is (r − 1) − log r, and at α = 0 it is r log r − (r − 1).
     *
     * @param alpha the order α, any finite real number
     * @param referenceLogProbs log π_ref(y_i), shape (N) or (..., N)
     * @param policyLogProbs log π_θ(y_i), same shape
     * @return the mean over the last axis, shape (...)
     * @throws IllegalArgumentException if α is not finite or the shapes differ
     */
    public static NDArray estimate(double alpha, NDArray referenceLogProbs, NDArray policyLogProbs) {
        requireFiniteAlpha(alpha);
        ArrayShapes.requireSameShape("referenceLogProbs", referenceLogProbs, "policyLogProbs", policyLogProbs);

        NDArray logRatio = policyLogProbs.sub(referenceLogProbs); // (..., N)
        NDArray ratio = logRatio.exp(); // (..., N)
        NDArray centredRatio = ratio.sub(1.0); // (..., N)
        NDArray terms; // (..., N)
        if (alpha == 1.0) {
            terms = centredRatio.sub(logRatio);
        } else if (alpha == 0.0) {
            terms = ratio.mul(logRatio).sub(centredRatio);
        } else {
            NDArray powered = NativeArrays.scale(logRatio, 1.0 - alpha).exp(); // (..., N)
            terms = NativeArrays.divide(
                    powered.neg().add(1.0).add(NativeArrays.scale(centredRatio, 1.0 - alpha)), alpha * (1.0 - alpha));
        }
        return terms.mean(new int[] {-1}); // (...)
    }

    /** Turns log ∫ p^α q^(1−α) into (1 − ∫ p^α q^(1−α)) / (α(1 − α)). */
    private NDArray fromLogIntegral(NDArray logIntegral) {
        // NOTE: DJL 0.36 has no expm1, so 1 − exp(log I) loses about 1e-16/|α(1 − α)| in absolute
        // terms; at α = 1e-6 that is still near 1e-10.
        return NativeArrays.divide(logIntegral.exp().neg().add(1.0), alpha * (1.0 - alpha));
    }

    /**
     * Computes log Σ exp(x) over the last axis after subtracting the row maximum. The maximum is
     * detached because the result does not depend on it, and an infinite maximum is replaced by 0 so
     * that rows of all −∞ give −∞ and rows with +∞ give +∞, with no ∞ − ∞ = NaN.
     */
    private static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {-1}, true).stopGradient(); // (..., 1)
        NDArray shift = NDArrays.where(max.isInfinite(), max.zerosLike(), max); // (..., 1)
        NDArray summed = x.sub(shift).exp().sum(new int[] {-1}); // (...)
        return summed.log().add(shift.squeeze(-1)); // (...)
    }

    private void requirePositiveMixedVariance(NDArray mixedVariance) {
        double[] values = mixedVariance.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0.0)) {
                throw new IllegalArgumentException("alpha-divergence with alpha = " + alpha
                        + " is infinite: alpha*policyVariance + (1 - alpha)*referenceVariance must be > 0 in every"
                        + " dimension, got " + values[i] + " at flat index " + i
                        + "; use alpha in [0, 1], where the divergence is finite for all Gaussians");
            }
        }
    }

    static void requireFiniteAlpha(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite real number, got " + alpha
                    + "; use a value in [0, 1] such as 0.5 (1 gives KL(reference||policy))");
        }
    }
}
