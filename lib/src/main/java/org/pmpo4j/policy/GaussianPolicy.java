package org.pmpo4j.policy;

import org.pmpo4j.training.NativeArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.random.RandomGenerator;

/**
 * Diagonal Gaussian policy N(μ, diag σ²) over R^D, parameterised by the mean μ and the log standard
 * deviation log σ.
 *
 * <p>Shape letters: N is the number of actions (samples), D the action dimension. Both parameters are
 * float64 NDArrays of shape (D) owned by the {@link NDManager} passed to {@link #create}; closing that
 * manager frees the policy. A trainable policy has gradients attached to both parameters, so an
 * optimiser can update them in place, and every method reads the updated values. With the PyTorch
 * engine the gradients add up over backward passes, so zero them between steps, for example with
 * {@code GradientCollector.zeroGradients()}.
 *
 * <p>The static methods take the parameters as arrays, so they also serve a state-conditioned policy
 * whose mean and log standard deviation come out of a network. There the leading axes of mean and
 * log σ broadcast against those of the actions, and every reduction runs over the last axis, which
 * has size D.
 */
public final class GaussianPolicy {

    /** log(2π), the constant of the Gaussian log-density. */
    private static final double LOG_TWO_PI = StrictMath.log(2.0 * Math.PI);

    private final NDArray mean; // (D)
    private final NDArray logStd; // (D)

    private GaussianPolicy(NDArray mean, NDArray logStd) {
        this.mean = mean;
        this.logStd = logStd;
    }

    /**
     * Creates a policy whose parameters are float64 arrays on {@code manager}.
     *
     * @param manager owner of the parameter arrays
     * @param mean μ, length D ≥ 1, finite
     * @param std σ, length D, finite and &gt; 0; stored as log σ
     * @param trainable whether to attach gradients to μ and log σ
     * @throws IllegalArgumentException if a value is non-finite, σ ≤ 0, or the lengths differ
     */
    public static GaussianPolicy create(
            NDManager manager, double[] mean, double[] std, boolean trainable) {
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null; pass the NDManager that owns the policy");
        }
        validateParameters(mean, std);

        double[] logStd = new double[std.length];
        for (int d = 0; d < std.length; d++) {
            logStd[d] = StrictMath.log(std[d]);
        }

        NDArray meanArray = manager.create(mean.clone()); // (D)
        NDArray logStdArray = manager.create(logStd); // (D)
        meanArray.setName("mean");
        logStdArray.setName("logStd");
        if (trainable) {
            meanArray.setRequiresGradient(true);
            logStdArray.setRequiresGradient(true);
        }
        return new GaussianPolicy(meanArray, logStdArray);
    }

    /** Returns the action dimension D. */
    public int dimension() {
        return Math.toIntExact(mean.getShape().get(0));
    }

    /** Returns the mean μ, shape (D); this is the live parameter, not a copy. */
    public NDArray mean() {
        return mean;
    }

    /** Returns the log standard deviation log σ, shape (D); this is the live parameter, not a copy. */
    public NDArray logStd() {
        return logStd;
    }

    /** Returns the parameters in the order [mean, logStd], for an optimiser or a gradient collector. */
    public NDList parameters() {
        return new NDList(mean, logStd);
    }

    /**
     * Creates a frozen copy on {@code manager}, with no gradient attached and no link to this policy's
     * computation graph. Later updates of this policy do not change the copy, so it can serve as the
     * reference policy π_ref.
     */
    public GaussianPolicy snapshot(NDManager manager) {
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null; pass the NDManager that owns the snapshot");
        }
        NDArray meanCopy = manager.create(meanValues()); // (D)
        NDArray logStdCopy = manager.create(logStd.toDoubleArray()); // (D)
        meanCopy.setName("mean");
        logStdCopy.setName("logStd");
        return new GaussianPolicy(meanCopy, logStdCopy);
    }

    /**
     * Draws {@code n} actions on the host as μ + σ·z with z standard normal from {@code rng}. The draws
     * consume {@code StandardNormal.next(rng)} row by row, so a seeded generator gives the same actions.
     *
     * @return actions, shape (N, D)
     * @throws IllegalArgumentException if n ≤ 0 or rng is null
     */
    public double[][] sample(int n, RandomGenerator rng) {
        if (n <= 0) {
            throw new IllegalArgumentException(
                    "sample count n must be >= 1, got " + n + "; request at least one action");
        }
        if (rng == null) {
            throw new IllegalArgumentException("rng must not be null; pass a seeded RandomGenerator");
        }
        double[] mu = meanValues();
        double[] sigma = stdValues();

        double[][] actions = new double[n][mu.length];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < mu.length; d++) {
                actions[i][d] = mu[d] + sigma[d] * StandardNormal.next(rng);
            }
        }
        return actions;
    }

    /**
     * Computes log π(a) for each row of {@code actions}; differentiable in μ and log σ.
     *
     * @param actions shape (N, D)
     * @return log-densities, shape (N)
     */
    public NDArray logProb(NDArray actions) {
        return logProb(mean, logStd, actions);
    }

    /** Copies the mean μ to the host, length D. */
    public double[] meanValues() {
        return mean.toDoubleArray();
    }

    /** Copies the standard deviation σ = exp(log σ) to the host, length D. */
    public double[] stdValues() {
        double[] values = logStd.toDoubleArray();
        for (int d = 0; d < values.length; d++) {
            values[d] = StrictMath.exp(values[d]);
        }
        return values;
    }

    /**
     * Computes the diagonal Gaussian log-density
     * log N(a; μ, diag σ²) = −½ Σ_d [((a_d − μ_d)/σ_d)² + 2 log σ_d + log 2π].
     *
     * @param mean μ, shape (D) or (..., D) broadcastable against the actions
     * @param logStd log σ, same shape as mean
     * @param actions a, shape (N, D) or (..., D)
     * @return log-densities, the broadcast shape without its last axis, e.g. (N)
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static NDArray logProb(NDArray mean, NDArray logStd, NDArray actions) {
        ArrayShapes.requireSameShape("mean", mean, "logStd", logStd);
        ArrayShapes.requireBroadcastable("mean", mean, "actions", actions);

        NDArray z = actions.sub(mean).div(logStd.exp()); // (N, D)
        NDArray squares = z.square().add(NativeArrays.scale(logStd, 2.0)).add(LOG_TWO_PI); // (N, D)
        return NativeArrays.scale(squares.sum(new int[] {-1}), -0.5); // (N)
    }

    /**
     * Computes KL(P‖Q) between diagonal Gaussians in closed form, summed over the D dimensions:
     * KL = Σ_d [log σ_Q − log σ_P + (σ_P² + (μ_P − μ_Q)²) / (2 σ_Q²) − ½].
     *
     * <p>P is the first argument, so with P = π_ref and Q = π_θ this is the forward, mass-covering
     * KL(π_ref‖π_θ) of the PMPO objective. The result is ≥ 0, and 0 exactly when P = Q.
     *
     * @param meanP μ_P, shape (D) or (..., D)
     * @param logStdP log σ_P, same shape as meanP
     * @param meanQ μ_Q, shape broadcastable against meanP
     * @param logStdQ log σ_Q, same shape as meanQ
     * @return a scalar for (D) inputs, otherwise the broadcast shape without its last axis
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static NDArray kl(NDArray meanP, NDArray logStdP, NDArray meanQ, NDArray logStdQ) {
        ArrayShapes.requireSameShape("meanP", meanP, "logStdP", logStdP);
        ArrayShapes.requireSameShape("meanQ", meanQ, "logStdQ", logStdQ);
        ArrayShapes.requireBroadcastable("meanP", meanP, "meanQ", meanQ);

        NDArray varianceP = NativeArrays.scale(logStdP, 2.0).exp(); // (D)
        NDArray varianceQ = NativeArrays.scale(logStdQ, 2.0).exp(); // (D)
        NDArray meanGapSquared = meanP.sub(meanQ).square(); // (D)
        NDArray perDimension = logStdQ.sub(logStdP) // (D)
                .add(varianceP.add(meanGapSquared).div(NativeArrays.scale(varianceQ, 2.0)))
                .sub(0.5);
        return perDimension.sum(new int[] {-1}); // ()
    }

    /**
     * Computes the differential entropy of a diagonal Gaussian, H = Σ_d [log σ_d + ½ log(2πe)].
     *
     * @param logStd log σ, shape (D) or (..., D)
     * @return a scalar for a (D) input, otherwise the shape without its last axis
     */
    public static NDArray entropy(NDArray logStd) {
        ArrayShapes.requireEventAxis("logStd", logStd);
        return logStd.add(0.5 * (LOG_TWO_PI + 1.0)).sum(new int[] {-1}); // ()
    }

    private static void validateParameters(double[] mean, double[] std) {
        if (mean == null || std == null) {
            throw new IllegalArgumentException("mean and std must not be null; pass arrays of length D >= 1");
        }
        if (mean.length == 0) {
            throw new IllegalArgumentException("mean must have length D >= 1, got 0; pass one value per action dimension");
        }
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must have the same length D, got "
                    + mean.length + " and " + std.length + "; pass one mean and one std per action dimension");
        }
        for (int d = 0; d < mean.length; d++) {
            if (!Double.isFinite(mean[d])) {
                throw new IllegalArgumentException(
                        "mean[" + d + "] must be finite, got " + mean[d] + "; pass a finite mean");
            }
            if (!Double.isFinite(std[d]) || std[d] <= 0.0) {
                throw new IllegalArgumentException("std[" + d + "] must be finite and > 0, got "
                        + std[d] + "; pass a positive standard deviation");
            }
        }
    }
}
