package org.pmpo4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.random.RandomGenerator;

/**
 * Categorical policy over V classes, parameterised by unnormalised logits: π(v) = softmax(logits)_v.
 *
 * <p>The logits are a float64 array of shape (V) owned by the {@link NDManager} passed to
 * {@link #create}. Log-probabilities come from a log-softmax, which subtracts the maximum logit before
 * exponentiating, so large logits do not overflow.
 */
public final class CategoricalPolicy {

    private final NDArray logits; // (V)

    private CategoricalPolicy(NDArray logits) {
        this.logits = logits;
    }

    /**
     * Creates a policy whose logits are a float64 array on {@code manager}.
     *
     * @param logits length V ≥ 1, finite
     * @param trainable whether to attach a gradient to the logits
     * @throws IllegalArgumentException if the logits are empty or a logit is non-finite
     */
    public static CategoricalPolicy create(NDManager manager, double[] logits, boolean trainable) {
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null; pass the NDManager that owns the policy");
        }
        if (logits == null || logits.length == 0) {
            throw new IllegalArgumentException("logits must have length V >= 1; pass one logit per class");
        }
        for (int v = 0; v < logits.length; v++) {
            if (!Double.isFinite(logits[v])) {
                throw new IllegalArgumentException(
                        "logits[" + v + "] must be finite, got " + logits[v] + "; pass a finite logit");
            }
        }

        NDArray logitArray = manager.create(logits.clone()); // (V)
        logitArray.setName("logits");
        if (trainable) {
            logitArray.setRequiresGradient(true);
        }
        return new CategoricalPolicy(logitArray);
    }

    /** Returns the number of classes V. */
    public int classCount() {
        return Math.toIntExact(logits.getShape().get(0));
    }

    /** Returns the logits, shape (V); this is the live parameter, not a copy. */
    public NDArray logits() {
        return logits;
    }

    /** Returns the parameters as [logits]. */
    public NDList parameters() {
        return new NDList(logits);
    }

    /** Computes log π(v) for every class by log-softmax; differentiable in the logits, shape (V). */
    public NDArray logProbs() {
        return logits.logSoftmax(-1); // (V)
    }

    /** Copies the probabilities π(v) to the host, length V. */
    public double[] probabilities() {
        double[] values = logits.toDoubleArray();
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (int v = 0; v < values.length; v++) {
            values[v] = Math.exp(values[v] - max);
            sum += values[v];
        }
        for (int v = 0; v < values.length; v++) {
            values[v] /= sum;
        }
        return values;
    }

    /** Creates a frozen copy on {@code manager}, with no gradient attached, to serve as π_ref. */
    public CategoricalPolicy snapshot(NDManager manager) {
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null; pass the NDManager that owns the snapshot");
        }
        NDArray copy = manager.create(logits.toDoubleArray()); // (V)
        copy.setName("logits");
        return new CategoricalPolicy(copy);
    }

    /**
     * Draws {@code n} class indices on the host by inverting the cumulative distribution with one
     * {@code rng.nextDouble()} per draw, so a seeded generator gives the same classes.
     *
     * @return class indices in [0, V), length N
     * @throws IllegalArgumentException if n ≤ 0 or rng is null
     */
    public int[] sample(int n, RandomGenerator rng) {
        if (n <= 0) {
            throw new IllegalArgumentException(
                    "sample count n must be >= 1, got " + n + "; request at least one class");
        }
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null; pass a seeded RandomGenerator");
        }
        double[] probabilities = probabilities();

        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double cumulative = 0;
            // Rounding can leave the total just below 1, so a u above it falls to the last class.
            int chosen = probabilities.length - 1;
            for (int v = 0; v < probabilities.length; v++) {
                cumulative += probabilities[v];
                if (u < cumulative) {
                    chosen = v;
                    break;
                }
            }
            classes[i] = chosen;
        }
        return classes;
    }

    /**
     * Computes KL(P‖Q) = Σ_v p_v (log p_v − log q_v) row by row from log-probabilities.
     *
     * <p>P is the first argument. Classes with p_v = 0 (log p_v = −∞) contribute 0, and a class with
     * p_v &gt; 0 but q_v = 0 makes the result +∞. The result is ≥ 0, and 0 exactly when P = Q.
     *
     * @param logProbsP log p, shape (..., V), normalised over the last axis
     * @param logProbsQ log q, same shape
     * @return shape (...), a scalar for (V) inputs
     * @throws IllegalArgumentException if the shapes differ
     */
    public static NDArray kl(NDArray logProbsP, NDArray logProbsQ) {
        ArrayShapes.requireSameShape("logProbsP", logProbsP, "logProbsQ", logProbsQ);
        return sumWherePositive(logProbsP, logProbsP.sub(logProbsQ)); // (...)
    }

    /**
     * Computes the entropy H = −Σ_v p_v log p_v row by row; classes with p_v = 0 contribute 0.
     *
     * @param logProbs log p, shape (..., V), normalised over the last axis
     * @return shape (...), a scalar for a (V) input
     */
    public static NDArray entropy(NDArray logProbs) {
        ArrayShapes.requireEventAxis("logProbs", logProbs);
        return sumWherePositive(logProbs, logProbs).neg(); // (...)
    }

    /**
     * Computes Σ_v p_v·term_v over the last axis, skipping the classes with p_v = 0. The plain product
     * would give 0·(−∞) = NaN there, which is why the mask is applied before the sum.
     */
    private static NDArray sumWherePositive(NDArray logProbs, NDArray term) {
        NDArray probabilities = logProbs.exp(); // (..., V)
        NDArray products = probabilities.mul(term); // (..., V)
        NDArray masked = NDArrays.where(probabilities.gt(0.0), products, products.zerosLike()); // (..., V)
        return masked.sum(new int[] {-1}); // (...)
    }
}
