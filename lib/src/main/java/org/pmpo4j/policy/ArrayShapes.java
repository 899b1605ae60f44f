package org.pmpo4j.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Shape checks for arrays whose last axis is the event axis: the action dimension D of a Gaussian or
 * the class count V of a categorical. Each check throws {@link IllegalArgumentException} naming the
 * arrays and their shapes, so a caller sees the mismatch before the engine does.
 */
public final class ArrayShapes {

    private ArrayShapes() {}

    /** Checks that {@code array} is non-null and has at least one axis. */
    public static void requireEventAxis(String name, NDArray array) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must not be null; pass an array of shape (D) or (..., D)");
        }
        if (array.getShape().dimension() < 1) {
            throw new IllegalArgumentException(name + " must have shape (D) or (..., D), got the scalar shape "
                    + array.getShape() + "; add the event axis");
        }
    }

    /** Checks that both arrays have an event axis and exactly the same shape. */
    public static void requireSameShape(String name, NDArray array, String otherName, NDArray other) {
        requireEventAxis(name, array);
        requireEventAxis(otherName, other);
        if (!array.getShape().equals(other.getShape())) {
            throw new IllegalArgumentException(name + " and " + otherName + " must have the same shape, got "
                    + array.getShape() + " and " + other.getShape() + "; pass one value per event dimension");
        }
    }

    /**
     * Checks that both arrays have an event axis of the same size and that their leading axes follow
     * NumPy broadcasting rules, with the shapes aligned at their last axis.
     */
    public static void requireBroadcastable(String name, NDArray array, String otherName, NDArray other) {
        requireEventAxis(name, array);
        requireEventAxis(otherName, other);
        Shape shape = array.getShape();
        Shape otherShape = other.getShape();

        boolean compatible = shape.getLastDimension() == otherShape.getLastDimension();
        for (int k = 2; compatible && k <= Math.min(shape.dimension(), otherShape.dimension()); k++) {
            long size = shape.get(shape.dimension() - k);
            long otherSize = otherShape.get(otherShape.dimension() - k);
            compatible = size == otherSize || size == 1 || otherSize == 1;
        }
        if (!compatible) {
            throw new IllegalArgumentException(name + " shape " + shape + " does not broadcast against "
                    + otherName + " shape " + otherShape + "; the last axis must be the event axis in both");
        }
    }
}
