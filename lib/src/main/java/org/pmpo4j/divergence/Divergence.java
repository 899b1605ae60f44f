package org.pmpo4j.divergence;

import ai.djl.ndarray.NDArray;
import org.pmpo4j.policy.GaussianPolicy;

/**
 * Regulariser D(π_ref, π_θ) between a reference policy π_ref and the trained policy π_θ, used as the
 * divergence term β·D of a preference objective. PMPO's own term is KL(π_ref‖π_θ).
 *
 * <p>Every method returns an NDArray that is differentiable in the policy's parameters or
 * log-probabilities. The reference arguments are normally frozen (see {@link GaussianPolicy#snapshot}).
 * Shape letters: D is the action dimension, V the class count, N the sample count.
 */
public interface Divergence {

    /** Returns the name that {@link Divergences#byName} maps back to an equal divergence. */
    String name();

    /**
     * Computes D(π_ref, π_θ) between diagonal Gaussians from their parameters.
     *
     * @param referenceMean μ_ref, shape (D) or (..., D)
     * @param referenceLogStd log σ_ref, same shape as referenceMean
     * @param policyMean μ_θ, shape broadcastable against referenceMean
     * @param policyLogStd log σ_θ, same shape as policyMean
     * @return the divergence summed over D: a scalar for (D) inputs, otherwise shape (...)
     * @throws IllegalArgumentException if the shapes do not match
     */
    NDArray gaussian(NDArray referenceMean, NDArray referenceLogStd, NDArray policyMean, NDArray policyLogStd);

    /**
     * Computes D(π_ref, π_θ) between two diagonal Gaussian policies; a scalar NDArray.
     *
     * @throws IllegalArgumentException if a policy is null or the dimensions differ
     */
    default NDArray gaussian(GaussianPolicy reference, GaussianPolicy policy) {
        if (reference == null || policy == null) {
            throw new IllegalArgumentException("reference and policy must not be null; pass two GaussianPolicy objects");
        }
        return gaussian(reference.mean(), reference.logStd(), policy.mean(), policy.logStd());
    }

    /**
     * Computes D(π_ref, π_θ) row by row between categoricals given as log-probabilities.
     *
     * @param referenceLogProbs log π_ref, shape (..., V), normalised over the last axis
     * @param policyLogProbs log π_θ, same shape
     * @return shape (...), a scalar for (V) inputs
     * @throws IllegalArgumentException if the shapes differ
     */
    NDArray categorical(NDArray referenceLogProbs, NDArray policyLogProbs);

    /**
     * Estimates D(π_ref, π_θ) by Monte Carlo from N samples y_1..y_N drawn from π_ref, for policies
     * without a closed form. The inputs are log π_ref(y_i) and log π_θ(y_i), and the estimate is the
     * mean over the last axis of a per-sample term in the ratio r_i = π_θ(y_i)/π_ref(y_i).
     *
     * <p>Each implementation documents its term. The estimate is unbiased, but its variance grows
     * quickly once π_θ moves far from π_ref, because r then has heavy tails.
     *
     * @param referenceLogProbs log π_ref(y_i), shape (N) or (..., N)
     * @param policyLogProbs log π_θ(y_i), same shape
     * @return shape (...), a scalar for (N) inputs
     * @throws IllegalArgumentException if the shapes differ
     */
    NDArray estimate(NDArray referenceLogProbs, NDArray policyLogProbs);
}
