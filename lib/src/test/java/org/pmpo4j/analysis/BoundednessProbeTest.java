package org.pmpo4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmpo4j.analysis.BoundednessProbe.Outcome;
import org.pmpo4j.analysis.BoundednessProbe.Settings;
import org.pmpo4j.analysis.PmpoBoundedness.Verdict;

class BoundednessProbeTest {

    private static final double[] NONE = {};

    @Test
    void rejectOnlyTailsMatchVerdicts() {
        // D_r is the 20 lowest and 20 highest of 200 draws from π_ref = N(0, 1): the tails beyond
        // about ±1.28, whose mean square is about 1 + 1.28·φ(1.28)/0.1 ≈ 3.3. With α = 0, c = β − 1,
        // so β = 0 and 0.5 run away, and β = 4 gives Q* ≈ 4 − 3.3 > 0.
        double[] rejected = referenceTails(200, 20, 3);

        for (double beta : new double[] {0.0, 0.5, 4.0}) {
            Verdict verdict = PmpoBoundedness.analyse(0.0, beta, NONE, rejected, 0.0, 1.0);
            Outcome outcome = BoundednessProbe.run(0.0, beta, NONE, rejected, 0.0, 1.0, Settings.defaults());
            String label = "beta " + beta + ": " + verdict.reason() + " / " + outcome.reason();

            assertEquals(beta == 4.0, verdict.hasUniqueMaximum(), label);
            assertEquals(!verdict.hasUniqueMaximum(), outcome.diverged(), label);
        }
    }

    @Test
    void probeReachesClosedFormMaximum() {
        // α = 0, β = 4, tails as above: Adam should end at μ*, σ* of the verdict.
        double[] rejected = referenceTails(200, 20, 3);
        Verdict verdict = PmpoBoundedness.analyse(0.0, 4.0, NONE, rejected, 0.0, 1.0);

        Outcome outcome = BoundednessProbe.run(0.0, 4.0, NONE, rejected, 0.0, 1.0, Settings.defaults());

        assertFalse(outcome.diverged(), outcome.reason());
        assertEquals(verdict.optimalMean(), outcome.mean()[0], 1e-4);
        assertEquals(verdict.optimalStd(), outcome.std()[0], 1e-4);
    }

    @Test
    void acceptOnlyReachesMaximumLikelihood() {
        // α = 1, β = 0, D_a = {1, 2, 4}: the maximum-likelihood fit μ = 7/3, σ = √(14/9).
        Outcome outcome = BoundednessProbe.run(1.0, 0.0, new double[] {1, 2, 4}, NONE, 0.0, 1.0, Settings.defaults());

        assertFalse(outcome.diverged(), outcome.reason());
        assertEquals(7.0 / 3.0, outcome.mean()[0], 1e-4);
        assertEquals(Math.sqrt(14.0 / 9.0), outcome.std()[0], 1e-4);
    }

    @Test
    void probeAgreesOnBothSidesOfCriticalBeta() {
        // α = 0, D_r = {−2, 2}, π_ref = N(0, 1): β* = 4 (see PmpoBoundednessTest). β = 3 collapses
        // onto μ = 0, where L = 2·log σ − 1/(2σ²) passes the floor −1e6 near σ = 7e-4. β = 5 has its
        // maximum at σ* = 0.5.
        double[] rejected = {-2.0, 2.0};

        Outcome below = BoundednessProbe.run(0.0, 3.0, NONE, rejected, 0.0, 1.0, Settings.defaults());
        Outcome above = BoundednessProbe.run(0.0, 5.0, NONE, rejected, 0.0, 1.0, Settings.defaults());

        assertTrue(below.diverged(), below.reason());
        assertTrue(below.std()[0] < 1e-2, "std " + below.std()[0]);
        assertEquals(0.0, below.mean()[0], 1e-3);
        assertFalse(above.diverged(), above.reason());
        assertEquals(0.5, above.std()[0], 1e-4);
    }

    @Test
    void acceptRejectMatchesVerdictPerDimension() {
        SplittableRandom random = new SplittableRandom(8);
        double[][] accepted = new double[5][2];
        double[][] rejected = new double[5][2];
        for (int i = 0; i < 5; i++) {
            accepted[i] = new double[] {0.5 + 0.3 * random.nextGaussian(), -1.0 + 0.5 * random.nextGaussian()};
            rejected[i] = new double[] {-0.5 + 0.3 * random.nextGaussian(), 1.0 + 0.5 * random.nextGaussian()};
        }
        double[] referenceMean = {0.0, 0.0};
        double[] referenceStd = {1.0, 1.0};

        // α = 0.5, β = 1: c = 1 in both dimensions.
        var verdicts = PmpoBoundedness.analyse(0.5, 1.0, accepted, rejected, referenceMean, referenceStd);
        Outcome outcome = BoundednessProbe.run(0.5, 1.0, accepted, rejected, referenceMean, referenceStd,
                Settings.defaults());

        assertFalse(outcome.diverged(), outcome.reason());
        for (int d = 0; d < 2; d++) {
            assertTrue(verdicts.get(d).hasUniqueMaximum(), verdicts.get(d).reason());
            assertEquals(verdicts.get(d).optimalMean(), outcome.mean()[d], 1e-4, "dimension " + d);
            assertEquals(verdicts.get(d).optimalStd(), outcome.std()[d], 1e-4, "dimension " + d);
        }
    }

    @Test
    void lossFloorStopsRun() {
        // At π_ref = N(0, 1) with α = 1, β = 0, D_a = {0, 0.1}: L = ½ log 2π + (0² + 0.1²)/4 ≈ 0.921 < 1.
        Settings settings = new Settings(100, 0.05, 20.0, 10.0, 1.0);

        Outcome outcome = BoundednessProbe.run(1.0, 0.0, new double[] {0, 0.1}, NONE, 0.0, 1.0, settings);

        assertTrue(outcome.diverged());
        assertEquals(1, outcome.steps());
        assertTrue(outcome.reason().startsWith("step 1: the loss 0.9"), outcome.reason());
    }

    @Test
    void meanLimitStopsRun() {
        // α = 1, β = 0, D_a = {10, 12}: the maximum at μ = 11 is 11 reference standard deviations away.
        Settings settings = new Settings(2000, 0.05, 5.0, 10.0, -1e6);

        Outcome outcome = BoundednessProbe.run(1.0, 0.0, new double[] {10, 12}, NONE, 0.0, 1.0, settings);

        assertTrue(outcome.diverged());
        assertTrue(outcome.reason().contains("mean[0] = 5.0"), outcome.reason());
    }

    @Test
    void outcomeCopiesArrays() {
        double[] mean = {1.0};
        Outcome outcome = new Outcome(false, 1, "test", mean, new double[] {2.0}, 0.0);

        mean[0] = 5.0;
        outcome.mean()[0] = 7.0;

        assertEquals(1.0, outcome.mean()[0], 0.0);
    }

    @Test
    void invalidSettingsAreRejected() {
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> new Settings(0, 0.05, 20, 10, -1e6));
        assertEquals("steps must be >= 1, got 0; use 2000 for the default", steps.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> Settings.defaults().withLearningRate(Double.NaN));
        assertEquals("learningRate must be finite and > 0, got NaN; use 0.05 for the default", rate.getMessage());
        IllegalArgumentException mean = assertThrows(IllegalArgumentException.class,
                () -> new Settings(10, 0.05, -1, 10, -1e6));
        assertEquals("meanLimit must be finite and > 0, got -1.0; use 20 for the default", mean.getMessage());
        IllegalArgumentException logStd = assertThrows(IllegalArgumentException.class,
                () -> new Settings(10, 0.05, 20, Double.POSITIVE_INFINITY, -1e6));
        assertEquals("logStdLimit must be finite and > 0, got Infinity; use 10 for the default", logStd.getMessage());
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
                () -> new Settings(10, 0.05, 20, 10, Double.NaN));
        assertEquals("lossFloor must be finite or -Infinity, got NaN; use -1e6 for the default or -Infinity to"
                + " turn the check off", floor.getMessage());
    }

    @Test
    void invalidProbeInputsAreRejected() {
        IllegalArgumentException settings = assertThrows(IllegalArgumentException.class,
                () -> BoundednessProbe.run(0.5, 1.0, new double[] {0}, new double[] {1}, 0.0, 1.0, null));
        assertEquals("settings must not be null; pass BoundednessProbe.Settings.defaults()", settings.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> BoundednessProbe.run(0.5, 1.0, NONE, new double[] {1}, 0.0, 1.0, Settings.defaults()));
        assertTrue(empty.getMessage().startsWith("accepted is empty, but alpha = 0.5 > 0"), empty.getMessage());
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
                () -> BoundednessProbe.run(0.5, -0.1, new double[] {0}, new double[] {1}, 0.0, 1.0,
                        Settings.defaults()));
        assertEquals("beta must be finite and >= 0, got -0.1; use 0 to drop the KL term", beta.getMessage());
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
                () -> BoundednessProbe.run(0.5, 1.0, new double[] {0}, new double[] {1}, 0.0, -1.0,
                        Settings.defaults()));
        assertTrue(std.getMessage().startsWith("referenceStd[0] must be finite and > 0, got -1.0"), std.getMessage());
    }

    /** Draws n samples from N(0, 1) and returns the k lowest and the k highest. */
    private static double[] referenceTails(int n, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] draws = new double[n];
        for (int i = 0; i < n; i++) {
            draws[i] = random.nextGaussian();
        }
        Arrays.sort(draws);

        double[] tails = new double[2 * k];
        System.arraycopy(draws, 0, tails, 0, k);
        System.arraycopy(draws, n - k, tails, k, k);
        return tails;
    }
}
