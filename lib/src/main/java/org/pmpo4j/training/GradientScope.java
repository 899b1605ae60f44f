package org.pmpo4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records operations for autograd on the calling thread and runs backward, like DJL's {@code GradientCollector}, but
 * usable from several threads at once.
 *
 * <p>DJL 0.36's PyTorch {@code GradientCollector} allows one open collector per JVM, which serialises parallel sweeps.
 * PyTorch's own grad mode is thread-local, so this scope switches it on for the calling thread only and calls
 * PyTorch's backward directly. Independent graphs on different threads then train concurrently.
 *
 * <p>Unlike DJL's collector this scope never touches gradients: PyTorch adds each backward pass into the existing
 * gradients, so callers zero them between steps with {@link #zero(NDArray)}.
 */
// NOTE: relies on ai.djl.pytorch.jni.JniUtils, public but internal to DJL's PyTorch engine; recheck on DJL upgrades.
public final class GradientScope implements AutoCloseable {

    static {
        // Loads the PyTorch native library, which JniUtils calls need.
        Engine.getEngine("PyTorch");
    }

    private final boolean previousGradMode;

    /** Enables grad mode on this thread until {@link #close()}. */
    public GradientScope() {
        this(true);
    }

    private GradientScope(boolean enabled) {
        previousGradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /**
     * Disables grad mode on this thread until {@link #close()}. PyTorch starts every new thread with grad mode on, so
     * worker threads open this scope around a run to keep bookkeeping operations out of the autograd graph.
     */
    public static GradientScope paused() {
        return new GradientScope(false);
    }

    /** Computes the gradient of the scalar {@code loss} with respect to every array that requires one. */
    public void backward(NDArray loss) {
        if (loss.getShape().size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar loss, got shape " + loss.getShape()
                    + "; reduce it with sum() or mean() first");
        }
        NDManager manager = loss.getManager();
        try (NDArray seed = manager.ones(loss.getShape(), loss.getDataType())) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    /** Sets the accumulated gradient of {@code parameter} to zero, in place. */
    public static void zero(NDArray parameter) {
        if (parameter.hasGradient()) {
            try (NDArray gradient = parameter.getGradient()) {
                gradient.subi(gradient);
            }
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previousGradMode);
    }
}
