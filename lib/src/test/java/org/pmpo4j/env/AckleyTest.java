package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AckleyTest {

    private final Ackley ackley = new Ackley();

    @Test
    void valueAtOnes() {
        // d = 2, x = (1, 1): √(Σx²/d) = 1 and Σ cos(2π)/d = 1, so f = −20 e^(−0.2) − e + 20 + e
        // = 20 − 20 e^(−0.2) ≈ 3.625385.
        assertEquals(20.0 - 20.0 * Math.exp(-0.2), ackley.value(new double[] {1.0, 1.0}), 1e-14);
    }

    @Test
    void optimumIsOrigin() {
        assertArrayEquals(new double[] {0.0, 0.0, 0.0}, ackley.optimum(3), 0.0);
        assertEquals(0.0, ackley.optimalValue(3), 0.0);
        // −20·1 − e + 20 + e cancels to 0 only up to rounding.
        assertEquals(0.0, ackley.value(ackley.optimum(3)), 1e-15);
    }

    @Test
    void valueFarFromOriginIsNearPlateau() {
        // At x = (30, 30) the cosines are 1 again, so f = 20 − 20 e^(−0.2·30) = 20 − 20 e^(−6) ≈ 19.950425.
        assertEquals(20.0 - 20.0 * Math.exp(-6.0), ackley.value(new double[] {30.0, 30.0}), 1e-12);
    }

    @Test
    void domainAndName() {
        assertEquals("ackley", ackley.name());
        assertEquals(-32.768, ackley.lowerBound(), 0.0);
        assertEquals(32.768, ackley.upperBound(), 0.0);
    }

    @Test
    void valueRejectsNaN() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ackley.value(new double[] {1.0, 2.0, Double.NaN}));

        assertEquals("ackley: x[2] must be finite, got NaN; check the sampler that produced the point",
                error.getMessage());
    }
}
