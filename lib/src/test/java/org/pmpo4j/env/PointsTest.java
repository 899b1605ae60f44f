package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PointsTest {

    @Test
    void requireValidRejectsNull() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Points.requireValid(new Sphere(), null));

        assertEquals("sphere: x must not be null; pass a point of dimension >= 1", error.getMessage());
    }

    @Test
    void requireValidRejectsEmptyPoint() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Points.requireValid(new Ackley(), new double[0]));

        assertEquals("ackley: dimension must be >= 1, got 0; use a point with at least 1 coordinates",
                error.getMessage());
    }

    @Test
    void requireValidRejectsPositiveInfinity() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Points.requireValid(new Rastrigin(), new double[] {0.0, Double.POSITIVE_INFINITY}));

        assertEquals("rastrigin: x[1] must be finite, got Infinity; check the sampler that produced the point",
                error.getMessage());
    }

    @Test
    void constantFillsEveryCoordinate() {
        assertArrayEquals(new double[] {2.5, 2.5, 2.5}, Points.constant(new Sphere(), 3, 2.5), 0.0);
    }

    @Test
    void constantRejectsZeroDimension() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Points.constant(new Sphere(), 0, 1.0));

        assertEquals("sphere: dimension must be >= 1, got 0; use a point with at least 1 coordinates",
                error.getMessage());
    }
}
