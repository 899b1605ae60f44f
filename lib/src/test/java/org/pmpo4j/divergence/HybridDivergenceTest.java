package org.pmpo4j.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmpo4j.testing.DivergenceValues.categorical;
import static org.pmpo4j.testing.DivergenceValues.estimate;
import static org.pmpo4j.testing.DivergenceValues.gaussian;
import static org.pmpo4j.testing.DivergenceValues.log;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmpo4j.testing.NumericalGradient;

class HybridDivergenceTest {

    private static final double H = 1e-5;

    // π_ref = N(0, 1) and π_θ = N(1, 2²).
    private static final double[] REFERENCE_MEAN = {0.0};
    private static final double[] REFERENCE_LOG_STD = {0.0};
    private static final double[] POLICY_MEAN = {1.0};
    private static final double[] POLICY_LOG_STD = {Math.log(2.0)};
    /** D_½ of that pair: 4·(1 − √0.8·e^(−0.05)) ≈ 0.596778, derived in the α-divergence tests. */
    private static final double ALPHA_HALF = 4.0 * (1.0 - Math.sqrt(0.8) * Math.exp(-0.05));
    /** KL(π_ref‖π_θ) of that pair: log 2 + 2/8 − ½ ≈ 0.443147. */
    private static final double FORWARD_KL = Math.log(2.0) - 0.25;

    @Test
    void nameContainsAlphaAndMix() {
        assertEquals("hybrid-0.5-0.25", new HybridDivergence(0.5, 0.25).name());
    }

    @Test
    void gaussianMixesByHand() {
        double value = gaussian(new HybridDivergence(0.5, 0.3), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN,
                POLICY_LOG_STD);

        // 0.3·0.596778 + 0.7·0.443147 ≈ 0.489236.
        assertEquals(0.3 * ALPHA_HALF + 0.7 * FORWARD_KL, value, 1e-14);
    }

    @Test
    void gaussianEndpointsOfMix() {
        double klOnly = gaussian(new HybridDivergence(0.5, 0.0), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN,
                POLICY_LOG_STD);
        double alphaOnly = gaussian(new HybridDivergence(0.5, 1.0), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN,
                POLICY_LOG_STD);

        assertEquals(FORWARD_KL, klOnly, 1e-15);
        assertEquals(ALPHA_HALF, alphaOnly, 1e-14);
    }

    @Test
    void mixZeroSkipsInfiniteAlphaPart() {
        // α = 2 with σ_θ = 1 and σ_ref = 2 makes D_α infinite, but mix = 0 uses only the KL part:
        // KL(N(0,4)‖N(0,1)) = log(1/2) + 4/2 − ½ = 1.5 − log 2.
        double value = gaussian(new HybridDivergence(2.0, 0.0), new double[] {0.0}, new double[] {Math.log(2.0)},
                new double[] {0.0}, new double[] {0.0});

        assertEquals(1.5 - Math.log(2.0), value, 1e-15);
    }

    @Test
    void categoricalMixesByHand() {
        double value = categorical(new HybridDivergence(2.0, 0.5), log(0.5, 0.5), log(0.9, 0.1));

        // D_2 = 8/9 and KL(p‖q) = log(5/3) for p = (½, ½) and q = (0.9, 0.1), derived in the
        // α-divergence and KL tests, so the mixture is ½·8/9 + ½·log(5/3) ≈ 0.699857.
        assertEquals(0.5 * 8.0 / 9.0 + 0.5 * Math.log(5.0 / 3.0), value, 1e-14);
    }

    @Test
    void nonNegativeAndZeroAtEqual() {
        SplittableRandom rng = new SplittableRandom(23);
        HybridDivergence divergence = new HybridDivergence(0.5, 0.4);
        for (int trial = 0; trial < 20; trial++) {
            double[] referenceMean = {rng.nextDouble(-2, 2)};
            double[] referenceLogStd = {rng.nextDouble(-1, 1)};
            double[] policyMean = {rng.nextDouble(-2, 2)};
            double[] policyLogStd = {rng.nextDouble(-1, 1)};

            double value = gaussian(divergence, referenceMean, referenceLogStd, policyMean, policyLogStd);
            double self = gaussian(divergence, referenceMean, referenceLogStd, referenceMean, referenceLogStd);

            assertTrue(value >= 0.0, "value " + value);
            assertEquals(0.0, self, 1e-15);
        }
    }

    @Test
    void gaussianGradientMatchesFiniteDifferences() {
        HybridDivergence divergence = new HybridDivergence(0.5, 0.3);
        double[] referenceMean = {0.2, -0.5};
        double[] referenceLogStd = {0.1, -0.3};
        double[] policyMean = {-0.4, 0.3};
        double[] policyLogStd = {0.5, 0.2};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mean = manager.create(policyMean);
            NDArray logStd = manager.create(policyLogStd);
            mean.setRequiresGradient(true);
            logStd.setRequiresGradient(true);
            double[][] gradients = NumericalGradient.autograd(new NDList(mean, logStd),
                    () -> divergence.gaussian(manager.create(referenceMean), manager.create(referenceLogStd), mean,
                            logStd));

            double[] meanGradient = NumericalGradient.centralDifference(
                    m -> gaussian(divergence, referenceMean, referenceLogStd, m, policyLogStd), policyMean, H);
            double[] logStdGradient = NumericalGradient.centralDifference(
                    s -> gaussian(divergence, referenceMean, referenceLogStd, policyMean, s), policyLogStd, H);
            assertArrayEquals(meanGradient, gradients[0], 1e-7);
            assertArrayEquals(logStdGradient, gradients[1], 1e-7);
        }
    }

    @Test
    void estimateEqualsExpectationOnExactFrequencies() {
        // Samples (0, 0, 1, 2) have the class frequencies of π_ref = (½, ¼, ¼), so an unbiased
        // estimator returns the closed form exactly.
        HybridDivergence divergence = new HybridDivergence(0.5, 0.3);
        double[] reference = log(0.5, 0.25, 0.25);
        double[] policy = log(0.2, 0.5, 0.3);
        double[] referenceAtSamples = {reference[0], reference[0], reference[1], reference[2]};
        double[] policyAtSamples = {policy[0], policy[0], policy[1], policy[2]};

        double value = estimate(divergence, referenceAtSamples, policyAtSamples);

        assertEquals(categorical(divergence, reference, policy), value, 1e-14);
    }

    @Test
    void constructorRejectsMixOutsideUnitInterval() {
        IllegalArgumentException above = assertThrows(IllegalArgumentException.class,
                () -> new HybridDivergence(0.5, 1.5));
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> new HybridDivergence(0.5, Double.NaN));

        assertEquals("mix must be in [0, 1], got 1.5; use 1 for the pure alpha-divergence and 0 for "
                + "KL(reference||policy)", above.getMessage());
        assertEquals("mix must be in [0, 1], got NaN; use 1 for the pure alpha-divergence and 0 for "
                + "KL(reference||policy)", notANumber.getMessage());
    }

    @Test
    void constructorRejectsNonFiniteAlpha() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new HybridDivergence(Double.POSITIVE_INFINITY, 0.5));

        assertEquals("alpha must be a finite real number, got Infinity; use a value in [0, 1] such as 0.5 "
                + "(1 gives KL(reference||policy))", error.getMessage());
    }
}
