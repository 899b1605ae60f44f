package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StyblinskiTangTest {

    private final StyblinskiTang styblinskiTang = new StyblinskiTang();

    @Test
    void valueAtKnownPoints() {
        // f(0) = 0, and f(1) = ½(1 − 16 + 5) = −5.
        assertEquals(0.0, styblinskiTang.value(new double[] {0.0}), 0.0);
        assertEquals(-5.0, styblinskiTang.value(new double[] {1.0}), 0.0);
        // Coordinates add: f(0, 1) = 0 + (−5).
        assertEquals(-5.0, styblinskiTang.value(new double[] {0.0, 1.0}), 0.0);
    }

    @Test
    void optimumMatchesKnownValue() {
        double[] optimum = styblinskiTang.optimum(10);

        assertEquals(10, optimum.length);
        assertEquals(-2.903534, optimum[0], 1e-6);
        // The minimum per coordinate is ½(x⁴ − 16x² + 5x) at x ≈ −2.903534, about −39.16617.
        assertEquals(-39.16617 * 10, styblinskiTang.optimalValue(10), 1e-4);
        assertEquals(styblinskiTang.value(optimum), styblinskiTang.optimalValue(10), 0.0);
    }

    @Test
    void optimumIsStationaryPoint() {
        double x = StyblinskiTang.OPTIMAL_COORDINATE;

        // f'(x) = 2x³ − 16x + 2.5 vanishes at the optimum; each term is below 50 in magnitude, so
        // rounding leaves at most about 1e-13.
        assertEquals(0.0, 2 * x * x * x - 16 * x + 2.5, 1e-13);
    }

    @Test
    void optimumBeatsOtherLocalMinimum() {
        // The other local minimum per coordinate sits at the positive root x ≈ 2.746803 of
        // 2x³ − 16x + 2.5, where f ≈ −25.029447, above −39.16617.
        double other = styblinskiTang.value(new double[] {2.746803});

        assertEquals(-25.029447, other, 1e-6);
        assertTrue(other > styblinskiTang.optimalValue(1));
    }

    @Test
    void domainAndName() {
        assertEquals("styblinski-tang", styblinskiTang.name());
        assertEquals(-5.0, styblinskiTang.lowerBound(), 0.0);
        assertEquals(5.0, styblinskiTang.upperBound(), 0.0);
        assertArrayEquals(new double[] {StyblinskiTang.OPTIMAL_COORDINATE}, styblinskiTang.optimum(1), 0.0);
    }

    @Test
    void valueRejectsNaN() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> styblinskiTang.value(new double[] {Double.NaN}));

        assertEquals("styblinski-tang: x[0] must be finite, got NaN; check the sampler that produced the point",
                error.getMessage());
    }
}
