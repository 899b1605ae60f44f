package org.pmpo4j.policy;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StandardNormalTest {

    @Test
    void momentsMatchStandardNormal() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0.0;
        double squares = 0.0;
        double fourth = 0.0;
        for (int i = 0; i < n; i++) {
            double x = StandardNormal.next(random);
            sum += x;
            squares += x * x;
            fourth += x * x * x * x;
        }
        // Standard errors for n = 200,000: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032, fourth moment
        // √(96/n) ≈ 0.022 (E x⁸ − (E x⁴)² = 105 − 9). The tolerances are about five standard errors.
        assertEquals(0.0, sum / n, 0.011);
        assertEquals(1.0, squares / n, 0.016);
        assertEquals(3.0, fourth / n, 0.11);
    }

    @Test
    void sameSeedGivesSameDraws() {
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(StandardNormal.next(first), StandardNormal.next(second));
        }
    }
}
