package org.pmpo4j.objective;

import org.pmpo4j.training.NativeArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Checks on the NDArray inputs of the objectives, with messages that name the input. */
final class Inputs {

    private Inputs() {}

    /** Returns the single value of a one-element array as a double, of any numeric type. */
    static double scalarValue(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    /** Returns the values of an array as doubles in row-major order. */
    static double[] values(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Checks that {@code array} is not null and has a floating-point type. */
    static void requireFloating(String name, NDArray array) {
        if (array == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (!array.getDataType().isFloating()) {
            throw new IllegalArgumentException(
                    name
                            + " has type "
                            + array.getDataType()
                            + ", but log-probabilities and divergences must be floating point; convert it with"
                            + " toType(DataType.FLOAT64, false)");
        }
    }

    /** Checks that {@code array} is a floating-point vector, shape (N) with N >= 0. */
    static void requireVector(String name, NDArray array) {
        requireFloating(name, array);
        if (array.getShape().dimension() != 1) {
            throw new IllegalArgumentException(
                    name + " must be a vector of shape (N), got shape " + array.getShape());
        }
    }

    /** Checks that {@code array} is a floating-point matrix, shape (rows, columns). */
    static void requireMatrix(String name, NDArray array) {
        requireFloating(name, array);
        if (array.getShape().dimension() != 2) {
            throw new IllegalArgumentException(
                    name + " must be a matrix of shape (C, K), got shape " + array.getShape());
        }
    }

    /** Checks that {@code array} is a floating-point scalar: shape () or (1). */
    static void requireScalar(String name, NDArray array) {
        requireFloating(name, array);
        Shape shape = array.getShape();
        if (shape.dimension() > 1 || array.size() != 1) {
            throw new IllegalArgumentException(
                    name + " must be a scalar, got shape " + shape + "; reduce it with mean or sum");
        }
    }

    /** Checks that two inputs have the same shape. */
    static void requireSameShape(String name, NDArray array, String otherName, NDArray other) {
        if (array == null || other == null) {
            throw new NullPointerException(
                    (array == null ? name : otherName) + " must not be null");
        }
        if (!array.getShape().equals(other.getShape())) {
            throw new IllegalArgumentException(
                    name
                            + " has shape "
                            + array.getShape()
                            + " but "
                            + otherName
                            + " has shape "
                            + other.getShape()
                            + "; pass one entry per sample in both");
        }
    }

    /**
     * Checks that every element is finite and names the first one that is not.
     *
     * @throws IllegalArgumentException naming the index and value of the first NaN or infinity
     */
    static void requireFinite(String name, NDArray array) {
        requireFinite(name, array, null);
    }

    /**
     * Checks that every element selected by {@code mask} is finite. A null mask selects every element.
     * Elements outside the mask may have any value, such as padding.
     *
     * @param mask row-major selection with one entry per element of {@code array}, or null
     * @throws IllegalArgumentException naming the index and value of the first NaN or infinity
     */
    static void requireFinite(String name, NDArray array, boolean[] mask) {
        double[] values = values(array);
        for (int i = 0; i < values.length; i++) {
            if ((mask == null || mask[i]) && !Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name
                                + indexText(array.getShape(), i)
                                + " is "
                                + values[i]
                                + "; every input must be finite, so check the policy and the samples that"
                                + " produced it");
            }
        }
    }

    /** Formats a row-major flat index as "[i]" or "[i, j]" for the given shape. */
    private static String indexText(Shape shape, int flatIndex) {
        if (shape.dimension() == 2) {
            long columns = shape.get(1);
            return "[" + (flatIndex / columns) + ", " + (flatIndex % columns) + "]";
        }
        return shape.dimension() == 0 ? "" : "[" + flatIndex + "]";
    }

    /** Returns x · factor in the type of x, so that a float32 input is not promoted to float64. */
    static NDArray scale(NDArray x, double factor) {
        return NativeArrays.scale(x, factor);
    }

    /**
     * Returns a mask as row-major booleans. A boolean mask is taken as is; a numeric mask must contain
     * only 0 and 1.
     *
     * @throws IllegalArgumentException naming the first entry that is neither 0 nor 1
     */
    static boolean[] maskValues(String name, NDArray mask) {
        if (mask == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (mask.getDataType() == DataType.BOOLEAN) {
            return mask.toBooleanArray();
        }
        double[] values = values(mask);
        boolean[] selected = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException(
                        name
                                + indexText(mask.getShape(), i)
                                + " is "
                                + values[i]
                                + "; a mask entry must be 0 or 1, or use a boolean mask");
            }
            selected[i] = values[i] == 1;
        }
        return selected;
    }

    /**
     * Checks the four log-probability vectors of a pairwise objective: each of shape (P) with the same
     * P &gt;= 1. Call {@link #requireFinite} on each inside the loss scope.
     */
    static void requirePairs(
            NDArray policyChosen,
            NDArray referenceChosen,
            NDArray policyRejected,
            NDArray referenceRejected) {
        requireVector("policyChosen", policyChosen);
        requireVector("referenceChosen", referenceChosen);
        requireVector("policyRejected", policyRejected);
        requireVector("referenceRejected", referenceRejected);
        requireSameShape("referenceChosen", referenceChosen, "policyChosen", policyChosen);
        requireSameShape("policyRejected", policyRejected, "policyChosen", policyChosen);
        requireSameShape("referenceRejected", referenceRejected, "policyChosen", policyChosen);
        if (policyChosen.size() == 0) {
            throw new IllegalArgumentException(
                    "the pair inputs are empty; pass at least one (chosen, rejected) pair");
        }
    }
}
