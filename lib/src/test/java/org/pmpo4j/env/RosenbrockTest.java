package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RosenbrockTest {

    private final Rosenbrock rosenbrock = new Rosenbrock();

    @Test
    void valueAtOriginIsOne() {
        // 100·(0 − 0²)² + (1 − 0)² = 1.
        assertEquals(1.0, rosenbrock.value(new double[] {0.0, 0.0}), 0.0);
    }

    @Test
    void valueAtThreeDimensionalPoint() {
        // x = (−1, 1, 2): i = 1 gives 100·(1 − 1)² + (1 + 1)² = 4, and i = 2 gives 100·(2 − 1)² + 0² = 100.
        assertEquals(104.0, rosenbrock.value(new double[] {-1.0, 1.0, 2.0}), 0.0);
    }

    @Test
    void optimumIsAllOnes() {
        assertArrayEquals(new double[] {1.0, 1.0, 1.0}, rosenbrock.optimum(3), 0.0);
        assertEquals(0.0, rosenbrock.optimalValue(3), 0.0);
        assertEquals(0.0, rosenbrock.value(rosenbrock.optimum(3)), 0.0);
    }

    @Test
    void domainAndName() {
        assertEquals("rosenbrock", rosenbrock.name());
        assertEquals(-5.0, rosenbrock.lowerBound(), 0.0);
        assertEquals(10.0, rosenbrock.upperBound(), 0.0);
        assertEquals(2, rosenbrock.minDimension());
    }

    @Test
    void valueRejectsOneDimension() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> rosenbrock.value(new double[] {1.0}));

        assertEquals("rosenbrock: dimension must be >= 2, got 1; use a point with at least 2 coordinates",
                error.getMessage());
    }

    @Test
    void optimumRejectsOneDimension() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> rosenbrock.optimum(1));

        assertEquals("rosenbrock: dimension must be >= 2, got 1; use a point with at least 2 coordinates",
                error.getMessage());
    }

    @Test
    void valueRejectsNaN() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> rosenbrock.value(new double[] {Double.NaN, 0.0}));

        assertEquals("rosenbrock: x[0] must be finite, got NaN; check the sampler that produced the point",
                error.getMessage());
    }
}
