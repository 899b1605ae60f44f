package org.pmpo4j.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.optimizer.Optimizer;

import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015) on DJL's native update kernel, with bias corrections computed by {@link StrictMath}.
 *
 * <p>Each step t updates m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g² and θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε), through
 * the same {@code adamUpdate} kernel as DJL's {@code Adam}. DJL's {@code Adam} computes the corrections with
 * {@code Math.pow}, whose last bit may change once the JIT compiles the caller; that made the first run in a JVM
 * differ from later runs with the same seed. {@code StrictMath.pow} gives the same bits every time.
 */
public final class StrictAdam extends Optimizer implements AutoCloseable {

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> means = new HashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new HashMap<>();

    private StrictAdam(Builder builder) {
        super(builder);
        learningRate = builder.learningRate;
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
    }

    /** Returns a builder with learning rate 1e-3, β₁ = 0.9, β₂ = 0.999 and ε = 1e-8, PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int step = updateCount(parameterId);
        double correction1 = 1.0 - StrictMath.pow(beta1, step);
        double correction2 = 1.0 - StrictMath.pow(beta2, step);
        float correctedRate = (float) (learningRate * StrictMath.sqrt(correction2) / correction1);

        NDArray mean = withDefaultState(means, parameterId, weight.getDevice(), key -> weight.zerosLike());
        NDArray variance = withDefaultState(variances, parameterId, weight.getDevice(), key -> weight.zerosLike());
        NDList inputs = new NDList(weight, grad, mean, variance);
        weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), learningRate, correctedRate,
                getWeightDecay(), rescaleGrad, clipGrad, beta1, beta2, epsilon, true, false);
    }

    /**
     * Returns the first and second moment estimates (m, v) of {@code parameterId} on the CPU, or null if the
     * parameter has not been updated yet. The arrays are the optimizer's own, not copies; copy them before the
     * next update if they must outlive it.
     */
    public NDList moments(String parameterId) {
        Map<Device, NDArray> mean = means.get(parameterId);
        Map<Device, NDArray> variance = variances.get(parameterId);
        if (mean == null || variance == null) {
            return null;
        }
        return new NDList(mean.get(Device.cpu()), variance.get(Device.cpu()));
    }

    /**
     * Sets the moment estimates of {@code parameterId}, for example from a checkpoint, and takes ownership
     * of both arrays: they are detached from their manager and {@link #close()} frees them. Together with {@code optBeginNumUpdate(step)} on the
     * builder, this resumes Adam exactly where a run stopped.
     *
     * @param mean first moment m, the shape of the parameter
     * @param variance second moment v, the shape of the parameter
     */
    public void restoreMoments(String parameterId, NDArray mean, NDArray variance) {
        if (!mean.getShape().equals(variance.getShape())) {
            throw new IllegalArgumentException("mean and variance of " + parameterId + " must have one shape, got "
                    + mean.getShape() + " and " + variance.getShape() + "; pass the moments saved for this parameter");
        }
        replace(means, parameterId, mean);
        replace(variances, parameterId, variance);
    }

    private static void replace(Map<String, Map<Device, NDArray>> state, String parameterId, NDArray value) {
        // Detached like the moments that update() creates, so closing the caller's manager leaves them alive.
        value.detach();
        NDArray previous = state.computeIfAbsent(parameterId, key -> new HashMap<>()).put(value.getDevice(), value);
        if (previous != null && previous != value) {
            previous.close();
        }
    }

    /** Frees the moment estimates. */
    @Override
    public void close() {
        for (Map<String, Map<Device, NDArray>> state : java.util.List.of(means, variances)) {
            state.values().forEach(perDevice -> perDevice.values().forEach(NDArray::close));
            state.clear();
        }
    }

    /** Builder of {@link StrictAdam}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float learningRate = 1e-3f;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {
        }

        /** Sets the learning rate η, which must be finite and positive. */
        public Builder learningRate(double value) {
            if (!(value > 0.0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("Adam learning rate must be a finite number > 0, got " + value);
            }
            learningRate = (float) value;
            return this;
        }

        /** Sets the moment decay rates, each in [0, 1). */
        public Builder betas(double first, double second) {
            if (!(first >= 0.0 && first < 1.0) || !(second >= 0.0 && second < 1.0)) {
                throw new IllegalArgumentException("Adam betas must lie in [0, 1), got " + first + " and " + second
                        + "; the usual values are 0.9 and 0.999");
            }
            beta1 = (float) first;
            beta2 = (float) second;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds the optimizer. */
        public StrictAdam build() {
            return new StrictAdam(this);
        }
    }
}
