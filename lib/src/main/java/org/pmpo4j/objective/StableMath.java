package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Numerically stable softplus, log-sigmoid, log-sum-exp and softmax on NDArrays, plus the scalar
 * softplus and its inverse.
 *
 * <p>The NDArray functions never evaluate {@code exp} of a positive argument, so they stay finite
 * for inputs of any magnitude, and their autograd gradients are exact everywhere, including at 0.
 * DJL 0.36 has no {@code log1p}, so softplus computes log(1 + e^(−|x|)) directly. Its absolute
 * error stays within one rounding of 1 + e^(−|x|), about 2.2e-16 in float64, but a result below
 * about 1e-13 has a large relative error.
 * Results and intermediates belong to the manager of the input, so call them inside a scope that
 * the caller closes.
 */
public final class StableMath {

    private StableMath() {}

    /**
     * Computes softplus(x) = log(1 + e^x) element-wise.
     *
     * <p>It evaluates max(x, 0) + log(1 + e^(-|x|)). Both parts are built with {@code where} rather
     * than {@code abs} or {@code maximum}, so the gradient at x = 0 is the exact σ(0) = 1/2 rather
     * than whatever subgradient those functions pick at their kink.
     */
    public static NDArray softplus(NDArray x) {
        NDArray positive = x.gt(0); // same shape as x, boolean
        NDArray zeros = x.zerosLike();
        NDArray positivePart = NDArrays.where(positive, x, zeros); // max(x, 0)
        NDArray negativePart = NDArrays.where(positive, zeros, x); // min(x, 0)
        NDArray minusAbs = negativePart.sub(positivePart); // -|x| <= 0, so exp cannot overflow
        return positivePart.add(minusAbs.exp().add(1).log());
    }

    /** Computes log σ(x) = -softplus(-x) element-wise, finite for every finite x. */
    public static NDArray logSigmoid(NDArray x) {
        return softplus(x.neg()).neg();
    }

    /**
     * Computes log Σ exp(x) along {@code axis}.
     *
     * <p>It shifts by the maximum m along the axis: m + log Σ exp(x − m). The shift is detached from
     * the graph because it cancels in the value, so the gradient is exactly softmax(x).
     *
     * @param axis the axis to reduce, negative values count from the end
     * @param keepDims whether to keep the reduced axis with size 1
     * @throws IllegalArgumentException if the axis has size 0
     */
    public static NDArray logSumExp(NDArray x, int axis, boolean keepDims) {
        int rank = x.getShape().dimension();
        int resolvedAxis = axis < 0 ? axis + rank : axis;
        if (resolvedAxis < 0 || resolvedAxis >= rank) {
            throw new IllegalArgumentException(
                    "axis " + axis + " is out of range for an array of shape " + x.getShape());
        }
        if (x.getShape().get(resolvedAxis) == 0) {
            throw new IllegalArgumentException(
                    "cannot take logSumExp over axis "
                            + axis
                            + " of shape "
                            + x.getShape()
                            + " because it has no elements");
        }
        NDArray shift = x.max(new int[] {resolvedAxis}, true).stopGradient(); // size 1 on the axis
        NDArray sum = x.sub(shift).exp().sum(new int[] {resolvedAxis}, true); // size 1 on the axis
        NDArray result = sum.log().add(shift);
        return keepDims ? result : result.squeeze(resolvedAxis);
    }

    /** Computes log Σ exp(x) over all elements as a scalar. See {@link #logSumExp(NDArray, int, boolean)}. */
    public static NDArray logSumExp(NDArray x) {
        return logSumExp(x.flatten(), 0, false);
    }

    /** Computes log softmax(x) = x − logSumExp(x) along {@code axis}. */
    public static NDArray logSoftmax(NDArray x, int axis) {
        return x.sub(logSumExp(x, axis, true));
    }

    /** Computes softmax(x) = exp(log softmax(x)) along {@code axis}. */
    public static NDArray softmax(NDArray x, int axis) {
        return logSoftmax(x, axis).exp();
    }

    /** Returns softplus(x) = log(1 + e^x) for a double, accurate for any finite x. */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * Returns the inverse of softplus: the x with log(1 + e^x) = y.
     *
     * <p>It evaluates y + log(1 − e^(−y)) with {@code expm1}, which stays accurate for large y and
     * for y near 0.
     *
     * @param y a positive finite value
     * @throws IllegalArgumentException if y is not positive and finite
     */
    public static double softplusInverse(double y) {
        if (!(y > 0) || !Double.isFinite(y)) {
            throw new IllegalArgumentException(
                    "softplusInverse needs a positive finite value, got "
                            + y
                            + "; softplus only takes values in (0, inf)");
        }
        return y + Math.log(-Math.expm1(-y));
    }
}
