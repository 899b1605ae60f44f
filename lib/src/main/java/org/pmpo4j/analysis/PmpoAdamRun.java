package org.pmpo4j.analysis;

import org.pmpo4j.training.NativeArrays;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.pmpo4j.policy.GaussianPolicy;

/**
 * Adam descent on the PMPO loss of a diagonal Gaussian policy for fixed samples, one step at a time.
 * This is the engine of {@link BoundednessProbe}, kept separate so that tests can inspect each step.
 *
 * <p>The loss is L = −α · mean_{D_a} log π_θ + (1 − α) · mean_{D_r} log π_θ + β · KL(π_ref‖π_θ), the
 * negated objective of {@link PmpoBoundedness}, with the KL in closed form. The policy starts at π_ref.
 * All arrays are float64 and live on a manager that this object owns, so {@link #close()} frees them.
 *
 * <p>The PyTorch engine adds each backward pass to the stored gradients. Every step therefore zeroes
 * the two parameters' gradients after the update. {@code GradientCollector.zeroGradients()} is not
 * used, because in DJL 0.36 it zeroes every array of the engine, including those of other runs.
 */
final class PmpoAdamRun implements AutoCloseable {

    private final double alpha;
    private final double beta;
    private final NDManager manager;
    private final GaussianPolicy reference;
    private final GaussianPolicy policy;
    private final NDArray accepted; // (N_a, D), null when α = 0
    private final NDArray rejected; // (N_r, D), null when α = 1
    private final Optimizer optimizer;

    private double[] lastMeanGradient;
    private double[] lastLogStdGradient;

    /** Creates a run from validated inputs; the caller has checked every range and shape. */
    PmpoAdamRun(double alpha, double beta, double[][] accepted, double[][] rejected, double[] referenceMean,
            double[] referenceStd, double learningRate) {
        this.alpha = alpha;
        this.beta = beta;
        this.manager = NDManager.newBaseManager();
        try {
            this.reference = GaussianPolicy.create(manager, referenceMean, referenceStd, false);
            this.policy = GaussianPolicy.create(manager, referenceMean, referenceStd, true);
            // A set with weight 0 is left out, so it may be empty.
            this.accepted = alpha > 0.0 ? manager.create(accepted) : null; // (N_a, D)
            this.rejected = alpha < 1.0 ? manager.create(rejected) : null; // (N_r, D)
            this.optimizer = Adam.builder().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Takes one Adam step and returns the loss at the parameters before it. The gradients used for
     * the step are kept for {@link #lastMeanGradient()} and {@link #lastLogStdGradient()}.
     */
    double step() {
        double loss;
        // The scope frees every intermediate array of the loss and the backward pass.
        try (NDScope scope = new NDScope();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray lossArray = loss(); // ()
            collector.backward(lossArray);
            loss = lossArray.getDouble();
        }

        // The update stays outside the scope, because Adam creates its moment arrays on the first call.
        lastMeanGradient = update("mean", policy.mean());
        lastLogStdGradient = update("logStd", policy.logStd());
        return loss;
    }

    /** Computes the loss at the current parameters without recording a gradient. */
    double lossValue() {
        try (NDScope scope = new NDScope()) {
            return loss().getDouble();
        }
    }

    /** Computes the loss at the current parameters as a scalar NDArray. */
    NDArray loss() {
        NDArray total = NativeArrays.scale(
                GaussianPolicy.kl(reference.mean(), reference.logStd(), policy.mean(), policy.logStd()), beta); // ()
        if (accepted != null) {
            total = total.sub(NativeArrays.scale(policy.logProb(accepted).mean(), alpha)); // ()
        }
        if (rejected != null) {
            total = total.add(NativeArrays.scale(policy.logProb(rejected).mean(), 1.0 - alpha)); // ()
        }
        return total;
    }

    /** Applies Adam to one parameter, zeroes its gradient and returns the gradient that was used. */
    private double[] update(String name, NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) { // (D)
            double[] used = gradient.toDoubleArray();
            optimizer.update(name, parameter, gradient);
            gradient.subi(gradient);
            return used;
        }
    }

    /** Returns the gradient of the loss in μ used by the last step, length D. */
    double[] lastMeanGradient() {
        return lastMeanGradient.clone();
    }

    /** Returns the gradient of the loss in log σ used by the last step, length D. */
    double[] lastLogStdGradient() {
        return lastLogStdGradient.clone();
    }

    double[] mean() {
        return policy.meanValues();
    }

    double[] logStd() {
        return policy.logStd().toDoubleArray();
    }

    double[] std() {
        return policy.stdValues();
    }

    /**
     * Returns the number of arrays the run's manager holds. The first step adds Adam's four moment
     * arrays, and later steps add none.
     */
    int managedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
