package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RastriginTest {

    private final Rastrigin rastrigin = new Rastrigin();

    @Test
    void valueAtHalfIntegerPoint() {
        // f(1, 0.5) = 20 + (1 − 10 cos 2π) + (0.25 − 10 cos π) = 20 − 9 + 10.25 = 21.25.
        assertEquals(21.25, rastrigin.value(new double[] {1.0, 0.5}), 1e-12);
    }

    @Test
    void valueAtIntegerPoint() {
        // f(1, 1) = 20 + 2·(1 − 10) = 2, a local minimum near the grid point (1, 1).
        assertEquals(2.0, rastrigin.value(new double[] {1.0, 1.0}), 1e-12);
    }

    @Test
    void optimumIsOrigin() {
        assertArrayEquals(new double[] {0.0, 0.0}, rastrigin.optimum(2), 0.0);
        assertEquals(0.0, rastrigin.optimalValue(2), 0.0);
        assertEquals(0.0, rastrigin.value(rastrigin.optimum(2)), 0.0);
    }

    @Test
    void domainAndName() {
        assertEquals("rastrigin", rastrigin.name());
        assertEquals(-5.12, rastrigin.lowerBound(), 0.0);
        assertEquals(5.12, rastrigin.upperBound(), 0.0);
    }

    @Test
    void valueRejectsNaN() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> rastrigin.value(new double[] {Double.NaN}));

        assertEquals("rastrigin: x[0] must be finite, got NaN; check the sampler that produced the point",
                error.getMessage());
    }
}
