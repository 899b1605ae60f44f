package org.pmpo4j.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ArrayShapesTest {

    @Test
    void broadcastableShapesPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray vector = manager.zeros(new Shape(3), DataType.FLOAT64);
            NDArray batch = manager.zeros(new Shape(5, 3), DataType.FLOAT64);
            NDArray singleRow = manager.zeros(new Shape(1, 3), DataType.FLOAT64);

            assertDoesNotThrow(() -> ArrayShapes.requireBroadcastable("a", vector, "b", batch));
            assertDoesNotThrow(() -> ArrayShapes.requireBroadcastable("a", singleRow, "b", batch));
            assertDoesNotThrow(() -> ArrayShapes.requireSameShape("a", batch, "b", batch));
        }
    }

    @Test
    void broadcastRejectsLeadingAxisMismatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray first = manager.zeros(new Shape(4, 3), DataType.FLOAT64);
            NDArray second = manager.zeros(new Shape(5, 3), DataType.FLOAT64);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ArrayShapes.requireBroadcastable("a", first, "b", second));

            assertEquals("a shape (4, 3) does not broadcast against b shape (5, 3); "
                    + "the last axis must be the event axis in both", error.getMessage());
        }
    }

    @Test
    void eventAxisRejectsScalarAndNull() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray scalar = manager.create(1.0);

            IllegalArgumentException scalarError = assertThrows(IllegalArgumentException.class,
                    () -> ArrayShapes.requireEventAxis("logStd", scalar));
            IllegalArgumentException nullError = assertThrows(IllegalArgumentException.class,
                    () -> ArrayShapes.requireEventAxis("logStd", null));

            assertEquals("logStd must have shape (D) or (..., D), got the scalar shape (); add the event axis",
                    scalarError.getMessage());
            assertEquals("logStd must not be null; pass an array of shape (D) or (..., D)", nullError.getMessage());
        }
    }

    @Test
    void sameShapeRejectsDifferentShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray vector = manager.zeros(new Shape(3), DataType.FLOAT64);
            NDArray batch = manager.zeros(new Shape(1, 3), DataType.FLOAT64);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ArrayShapes.requireSameShape("mean", vector, "logStd", batch));

            assertEquals("mean and logStd must have the same shape, got (3) and (1, 3); "
                    + "pass one value per event dimension", error.getMessage());
        }
    }
}
