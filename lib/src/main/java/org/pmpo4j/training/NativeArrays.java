package org.pmpo4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Arrays whose memory PyTorch owns, for constants that take part in an autograd graph.
 *
 * <p>On the CPU, DJL 0.36's PyTorch engine wraps the Java direct buffer of {@code NDManager.create(...)} without copying
 * it, and keeps that buffer alive only as long as the Java {@code NDArray} is open. Autograd may still hold the tensor
 * after the array is closed: {@code x.mul(2.0)} creates the scalar 2, multiplies, closes the scalar, and the
 * multiplication keeps it for the backward pass. Once the garbage collector frees the buffer, backward reads freed
 * memory and returns wrong gradients, only when a collection happened to run in between. Copying such constants into
 * PyTorch-owned memory, as this class does, makes them safe to close early.
 */
public final class NativeArrays {

    private NativeArrays() {
    }

    /** Returns a PyTorch-owned copy of {@code array} and closes {@code array}, which may share a Java buffer. */
    public static NDArray owned(NDArray array) {
        NDArray copy = array.duplicate();
        array.close();
        return copy;
    }

    /**
     * Returns a PyTorch-owned copy of {@code array} in {@code dataType}, on the array's manager. DJL 0.36's
     * {@code toType(sameType, true)} returns an alias rather than a copy on the CPU, so this method clones when the
     * type already matches and converts, which allocates new memory, otherwise.
     */
    public static NDArray copyAs(NDArray array, DataType dataType) {
        return array.getDataType() == dataType ? array.duplicate() : array.toType(dataType, false);
    }

    /** Returns a scalar of {@code value} in the data type of {@code like}, on its manager, in PyTorch-owned memory. */
    public static NDArray scalar(NDArray like, double value) {
        NDManager manager = like.getManager();
        try (NDArray raw = manager.create(value)) {
            // A conversion to another type allocates new memory; toType to the same type would return an alias.
            return raw.getDataType() == like.getDataType() ? raw.duplicate() : raw.toType(like.getDataType(), false);
        }
    }

    /** Returns x · factor in the data type of x; safe to differentiate, unlike {@code x.mul(Number)}. */
    public static NDArray scale(NDArray x, double factor) {
        try (NDArray constant = scalar(x, factor)) {
            return x.mul(constant);
        }
    }

    /** Returns x / divisor in the data type of x; safe to differentiate, unlike {@code x.div(Number)}. */
    public static NDArray divide(NDArray x, double divisor) {
        try (NDArray constant = scalar(x, divisor)) {
            return x.div(constant);
        }
    }
}
