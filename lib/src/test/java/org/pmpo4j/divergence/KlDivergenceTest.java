package org.pmpo4j.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmpo4j.testing.DivergenceValues.categorical;
import static org.pmpo4j.testing.DivergenceValues.categoricalFromLogits;
import static org.pmpo4j.testing.DivergenceValues.estimate;
import static org.pmpo4j.testing.DivergenceValues.gaussian;
import static org.pmpo4j.testing.DivergenceValues.log;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmpo4j.policy.GaussianPolicy;
import org.pmpo4j.testing.NumericalGradient;

class KlDivergenceTest {

    private static final double H = 1e-5;
    private static final KlDivergence FORWARD = KlDivergence.referencePolicy();
    private static final KlDivergence REVERSE = KlDivergence.policyReference();

    @Test
    void namesOfBothDirections() {
        assertEquals("kl-reference-policy", FORWARD.name());
        assertEquals("kl-policy-reference", REVERSE.name());
        assertEquals(KlDivergence.Direction.REFERENCE_POLICY, FORWARD.direction());
        assertEquals(KlDivergence.Direction.POLICY_REFERENCE, REVERSE.direction());
    }

    @Test
    void gaussianPoliciesByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0.0}, new double[] {1.0}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {1.0}, new double[] {2.0}, true);

            // KL(N(0,1)‖N(1,4)) = log 2 + (1 + 1)/8 − ½ = log 2 − 0.25 ≈ 0.443147.
            assertEquals(Math.log(2.0) - 0.25, FORWARD.gaussian(reference, policy).getDouble(), 1e-15);
            // KL(N(1,4)‖N(0,1)) = −log 2 + (4 + 1)/2 − ½ = 2 − log 2 ≈ 1.306853.
            assertEquals(2.0 - Math.log(2.0), REVERSE.gaussian(reference, policy).getDouble(), 1e-15);
        }
    }

    @Test
    void gaussianRejectsNullPolicy() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0.0}, new double[] {1.0}, false);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> FORWARD.gaussian(null, policy));

            assertEquals("reference and policy must not be null; pass two GaussianPolicy objects", error.getMessage());
        }
    }

    @Test
    void gaussianRejectsDimensionMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> gaussian(FORWARD, new double[] {0.0, 0.0}, new double[] {0.0}, new double[] {0.0, 0.0},
                        new double[] {0.0, 0.0}));

        assertEquals("referenceMean and referenceLogStd must have the same shape, got (2) and (1); "
                + "pass one value per event dimension", error.getMessage());
    }

    @Test
    void categoricalByHand() {
        double[] reference = log(0.5, 0.5);
        double[] policy = log(0.9, 0.1);

        // KL(p‖q) = ½ log(0.5/0.9) + ½ log(0.5/0.1) = ½ log(25/9) = log(5/3) ≈ 0.510826.
        assertEquals(Math.log(5.0 / 3.0), categorical(FORWARD, reference, policy), 1e-15);
        // KL(q‖p) = 0.9 log(0.9/0.5) + 0.1 log(0.1/0.5) = 0.9 log 1.8 + 0.1 log 0.2 ≈ 0.368064.
        assertEquals(0.9 * Math.log(1.8) + 0.1 * Math.log(0.2), categorical(REVERSE, reference, policy), 1e-15);
    }

    @Test
    void categoricalZeroProbabilityClass() {
        double[] reference = {0.0, Double.NEGATIVE_INFINITY}; // p = (1, 0)
        double[] policy = log(0.5, 0.5);

        // KL(p‖q) = 1·log(1/0.5) + 0 = log 2, because the empty class contributes 0.
        assertEquals(Math.log(2.0), categorical(FORWARD, reference, policy), 1e-15);
        // KL(q‖p) has the term 0.5·log(0.5/0) = +∞.
        assertEquals(Double.POSITIVE_INFINITY, categorical(REVERSE, reference, policy));
    }

    @Test
    void categoricalRejectsShapeMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> categorical(FORWARD, log(0.5, 0.5), log(0.2, 0.3, 0.5)));

        assertEquals("referenceLogProbs and policyLogProbs must have the same shape, got (2) and (3); "
                + "pass one value per event dimension", error.getMessage());
    }

    @Test
    void bothDirectionsNonNegativeAndZeroAtEqual() {
        SplittableRandom rng = new SplittableRandom(17);
        for (KlDivergence divergence : new KlDivergence[] {FORWARD, REVERSE}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] referenceMean = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
                double[] referenceLogStd = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
                double[] policyMean = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
                double[] policyLogStd = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
                double[] reference = log(0.1 + rng.nextDouble(), 0.1 + rng.nextDouble());
                double[] policy = log(0.1 + rng.nextDouble(), 0.1 + rng.nextDouble());
                normalise(reference);
                normalise(policy);

                double gaussianValue = gaussian(divergence, referenceMean, referenceLogStd, policyMean, policyLogStd);
                double gaussianSelf = gaussian(divergence, referenceMean, referenceLogStd, referenceMean, referenceLogStd);
                double categoricalValue = categorical(divergence, reference, policy);
                double categoricalSelf = categorical(divergence, reference, reference);

                assertTrue(gaussianValue >= 0.0, divergence.name() + " gave " + gaussianValue);
                assertEquals(0.0, gaussianSelf, 1e-15, divergence.name());
                assertTrue(categoricalValue >= 0.0, divergence.name() + " gave " + categoricalValue);
                assertEquals(0.0, categoricalSelf, 1e-15, divergence.name());
            }
        }
    }

    @Test
    void gaussianGradientMatchesFiniteDifferences() {
        double[] referenceMean = {0.2, -0.5};
        double[] referenceLogStd = {0.1, -0.3};
        double[] policyMean = {-0.4, 0.3};
        double[] policyLogStd = {0.5, 0.2};

        for (KlDivergence divergence : new KlDivergence[] {FORWARD, REVERSE}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray mean = manager.create(policyMean);
                NDArray logStd = manager.create(policyLogStd);
                mean.setRequiresGradient(true);
                logStd.setRequiresGradient(true);
                double[][] gradients = NumericalGradient.autograd(new NDList(mean, logStd),
                        () -> divergence.gaussian(manager.create(referenceMean), manager.create(referenceLogStd),
                                mean, logStd));

                double[] meanGradient = NumericalGradient.centralDifference(
                        m -> gaussian(divergence, referenceMean, referenceLogStd, m, policyLogStd), policyMean, H);
                double[] logStdGradient = NumericalGradient.centralDifference(
                        s -> gaussian(divergence, referenceMean, referenceLogStd, policyMean, s), policyLogStd, H);
                assertArrayEquals(meanGradient, gradients[0], 1e-7, divergence.name());
                assertArrayEquals(logStdGradient, gradients[1], 1e-7, divergence.name());
            }
        }
    }

    @Test
    void categoricalGradientMatchesFiniteDifferences() {
        double[] reference = log(0.2, 0.5, 0.3);
        double[] policyLogits = {0.4, -1.0, 0.7};

        for (KlDivergence divergence : new KlDivergence[] {FORWARD, REVERSE}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray logits = manager.create(policyLogits);
                logits.setRequiresGradient(true);
                double[][] gradients = NumericalGradient.autograd(new NDList(logits),
                        () -> divergence.categorical(manager.create(reference), logits.logSoftmax(-1)));

                double[] expected = NumericalGradient.centralDifference(
                        z -> categoricalFromLogits(divergence, reference, z), policyLogits, H);
                assertArrayEquals(expected, gradients[0], 1e-7, divergence.name());
            }
        }
    }

    @Test
    void estimateEqualsExpectationOnExactFrequencies() {
        // Samples (0, 0, 1, 2) have the class frequencies of p = (½, ¼, ¼), so the sample mean of each
        // term equals its expectation under π_ref, which for an unbiased estimator is the closed form.
        double[] reference = log(0.5, 0.25, 0.25);
        double[] policy = log(0.2, 0.5, 0.3);
        double[] referenceAtSamples = {reference[0], reference[0], reference[1], reference[2]};
        double[] policyAtSamples = {policy[0], policy[0], policy[1], policy[2]};

        for (KlDivergence divergence : new KlDivergence[] {FORWARD, REVERSE}) {
            double value = estimate(divergence, referenceAtSamples, policyAtSamples);

            assertEquals(categorical(divergence, reference, policy), value, 1e-15, divergence.name());
        }
    }

    @Test
    void estimateTermsAreNonNegative() {
        // One sample per call, so the estimate is a single term: (r − 1) − log r or r log r − (r − 1),
        // both ≥ 0 for every ratio r > 0 because log r ≤ r − 1.
        for (double logRatio : new double[] {-5.0, -0.1, 0.0, 0.3, 4.0}) {
            double forward = estimate(FORWARD, new double[] {0.0}, new double[] {logRatio});
            double reverse = estimate(REVERSE, new double[] {0.0}, new double[] {logRatio});

            double ratio = Math.exp(logRatio);
            assertEquals(ratio - 1 - logRatio, forward, 1e-15);
            assertEquals(ratio * logRatio - (ratio - 1), reverse, 1e-13);
            assertTrue(forward >= 0.0, "forward term " + forward);
            assertTrue(reverse >= 0.0, "reverse term " + reverse);
        }
    }

    @Test
    void constructorRejectsNullDirection() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new KlDivergence(null));

        assertEquals("direction must not be null; use REFERENCE_POLICY for the PMPO term KL(reference||policy)",
                error.getMessage());
    }

    private static void normalise(double[] logProbs) {
        double total = 0;
        for (double logProb : logProbs) {
            total += Math.exp(logProb);
        }
        for (int v = 0; v < logProbs.length; v++) {
            logProbs[v] -= Math.log(total);
        }
    }
}
