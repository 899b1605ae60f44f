package org.pmpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SchwefelTest {

    private final Schwefel schwefel = new Schwefel();

    @Test
    void valueAtOriginIsConstant() {
        // Every x_i sin(√|x_i|) is 0 at the origin, so f = 418.9829·2.
        assertEquals(837.9658, schwefel.value(new double[] {0.0, 0.0}), 1e-12);
    }

    @Test
    void valueAtOnes() {
        // f(1, 1) = 837.9658 − 2·sin(1) = 837.9658 − 1.682942 ≈ 836.282858.
        assertEquals(837.9658 - 2.0 * Math.sin(1.0), schwefel.value(new double[] {1.0, 1.0}), 1e-12);
    }

    @Test
    void optimumValueIsNearZero() {
        double[] optimum = schwefel.optimum(3);

        assertArrayEquals(new double[] {420.9687463599821, 420.9687463599821, 420.9687463599821}, optimum, 0.0);
        // Each coordinate gives 418.9829 − 420.96874636·sin(√420.96874636) = 418.9829 − 418.98288727
        // = 1.2727566e-5, so three coordinates give 3.8182698e-5.
        assertEquals(3 * 1.2727566e-5, schwefel.optimalValue(3), 1e-12);
        assertEquals(schwefel.value(optimum), schwefel.optimalValue(3), 0.0);
    }

    @Test
    void optimumIsLocalMinimum() {
        double best = schwefel.optimalValue(1);

        // The first-order condition is met at the optimum, so a step of 1e-3 raises f by about
        // ½ f''·1e-6 > 0 on both sides.
        for (double step : new double[] {-1e-3, 1e-3, -1.0, 1.0}) {
            double neighbour = schwefel.value(new double[] {Schwefel.OPTIMAL_COORDINATE + step});
            assertTrue(neighbour > best, "step " + step + " gave " + neighbour);
        }
    }

    @Test
    void optimumBeatsGridOverDomain() {
        double best = schwefel.optimalValue(1);

        // A grid with step 0.01 over [−500, 500] finds no lower value in one dimension.
        for (int k = -50_000; k <= 50_000; k++) {
            double x = k * 0.01;
            double value = schwefel.value(new double[] {x});
            assertTrue(value >= best, "x = " + x + " gave " + value);
        }
    }

    @Test
    void domainAndName() {
        assertEquals("schwefel", schwefel.name());
        assertEquals(-500.0, schwefel.lowerBound(), 0.0);
        assertEquals(500.0, schwefel.upperBound(), 0.0);
    }

    @Test
    void valueRejectsInfinity() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> schwefel.value(new double[] {Double.NEGATIVE_INFINITY}));

        assertEquals("schwefel: x[0] must be finite, got -Infinity; check the sampler that produced the point",
                error.getMessage());
    }
}
