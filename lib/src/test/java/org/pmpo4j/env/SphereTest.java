package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SphereTest {

    private final Sphere sphere = new Sphere();

    @Test
    void valueAtKnownPoint() {
        // 1² + (−2)² + 3² = 1 + 4 + 9 = 14.
        assertEquals(14.0, sphere.value(new double[] {1.0, -2.0, 3.0}), 0.0);
    }

    @Test
    void optimumIsOrigin() {
        assertArrayEquals(new double[] {0.0, 0.0, 0.0, 0.0}, sphere.optimum(4), 0.0);
        assertEquals(0.0, sphere.optimalValue(4), 0.0);
        assertEquals(0.0, sphere.value(sphere.optimum(4)), 0.0);
    }

    @Test
    void domainAndName() {
        assertEquals("sphere", sphere.name());
        assertEquals(-5.12, sphere.lowerBound(), 0.0);
        assertEquals(5.12, sphere.upperBound(), 0.0);
        assertEquals(1, sphere.minDimension());
    }

    @Test
    void valueRejectsNaN() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> sphere.value(new double[] {0.0, Double.NaN}));

        assertEquals("sphere: x[1] must be finite, got NaN; check the sampler that produced the point",
                error.getMessage());
    }
}
