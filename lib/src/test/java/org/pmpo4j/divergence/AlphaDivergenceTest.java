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
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.pmpo4j.policy.GaussianPolicy;
import org.pmpo4j.testing.NumericalGradient;

class AlphaDivergenceTest {

    private static final double H = 1e-5;

    // π_ref = N(0, 1) and π_θ = N(1, 2²), written as mean and log σ.
    private static final double[] REFERENCE_MEAN = {0.0};
    private static final double[] REFERENCE_LOG_STD = {0.0};
    private static final double[] POLICY_MEAN = {1.0};
    private static final double[] POLICY_LOG_STD = {Math.log(2.0)};

    @Test
    void nameContainsAlpha() {
        assertEquals("alpha-0.5", new AlphaDivergence(0.5).name());
        assertEquals("alpha--1.5", new AlphaDivergence(-1.5).name());
    }

    @Test
    void gaussianAtHalfByHand() {
        double value = gaussian(new AlphaDivergence(0.5), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN, POLICY_LOG_STD);

        // s = ½·4 + ½·1 = 2.5, log I = ½ log 1 + ½ log 2 − ½ log 2.5 − (¼·1²)/(2·2.5) = ½ log 0.8 − 0.05,
        // so D = (1 − √0.8·e^(−0.05)) / ¼ = 4·(1 − 0.894427191·0.951229425) ≈ 0.596778.
        double expected = 4.0 * (1.0 - Math.sqrt(0.8) * Math.exp(-0.05));
        assertEquals(expected, value, 1e-14);
        assertEquals(0.596778, value, 1e-6);
    }

    @Test
    void gaussianAtTwoByHand() {
        double value = gaussian(new AlphaDivergence(2.0), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN, POLICY_LOG_STD);

        // s = 2·4 − 1·1 = 7 > 0, log I = −1·log 1 + 2·log 2 − ½ log 7 − (2·(−1)·1²)/(2·7) = log(4/√7) + 1/7,
        // so I = 1.511858·1.153565 ≈ 1.744026 and D = (1 − I) / (2·(−1)) ≈ 0.372013.
        double integral = 4.0 / Math.sqrt(7.0) * Math.exp(1.0 / 7.0);
        assertEquals((integral - 1.0) / 2.0, value, 1e-14);
        assertEquals(0.372013, value, 1e-6);
    }

    @Test
    void gaussianMatchesNumericalIntegral() {
        NormalDistribution reference = new NormalDistribution(0.0, 1.0);
        NormalDistribution policy = new NormalDistribution(1.0, 2.0);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(64, 1e-12, 1e-14);

        for (double alpha : new double[] {0.1, 0.5, 0.9, 1.5, 2.0, -0.2}) {
            // Integrate exp(α log p + (1 − α) log q) over ±30, where both tails are far below 1e-14.
            double integral = integrator.integrate(10_000_000,
                    x -> Math.exp(alpha * reference.logDensity(x) + (1 - alpha) * policy.logDensity(x)), -30, 30);
            double expected = (1.0 - integral) / (alpha * (1.0 - alpha));

            double value = gaussian(new AlphaDivergence(alpha), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN,
                    POLICY_LOG_STD);
            assertEquals(expected, value, 1e-9, "alpha " + alpha);
        }
    }

    @Test
    void gaussianAtOneIsForwardKl() {
        double value = gaussian(new AlphaDivergence(1.0), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN, POLICY_LOG_STD);

        // KL(N(0,1)‖N(1,4)) = log 2 + (1 + 1)/8 − ½ = log 2 − 0.25.
        assertEquals(Math.log(2.0) - 0.25, value, 1e-15);
    }

    @Test
    void gaussianAtZeroIsReverseKl() {
        double value = gaussian(new AlphaDivergence(0.0), REFERENCE_MEAN, REFERENCE_LOG_STD, POLICY_MEAN, POLICY_LOG_STD);

        // KL(N(1,4)‖N(0,1)) = −log 2 + (4 + 1)/2 − ½ = 2 − log 2.
        assertEquals(2.0 - Math.log(2.0), value, 1e-15);
    }

    @Test
    void gaussianNearLimitsApproachesKl() {
        double forward = Math.log(2.0) - 0.25;
        double reverse = 2.0 - Math.log(2.0);

        for (double epsilon : new double[] {1e-3, 1e-6}) {
            double nearOne = gaussian(new AlphaDivergence(1.0 - epsilon), REFERENCE_MEAN, REFERENCE_LOG_STD,
                    POLICY_MEAN, POLICY_LOG_STD);
            double nearZero = gaussian(new AlphaDivergence(epsilon), REFERENCE_MEAN, REFERENCE_LOG_STD,
                    POLICY_MEAN, POLICY_LOG_STD);

            // D_α is smooth in α, so D_(1−ε) − KL(p‖q) and D_ε − KL(q‖p) are O(ε). The slopes here are
            // below 2 in absolute value, so 5·ε is a safe bound.
            assertEquals(forward, nearOne, 5 * epsilon, "1 - " + epsilon);
            assertEquals(reverse, nearZero, 5 * epsilon, "" + epsilon);
        }
    }

    @Test
    void gaussianIsNonNegative() {
        SplittableRandom rng = new SplittableRandom(3);
        int checked = 0;
        for (double alpha : new double[] {-0.5, 0.25, 0.5, 0.75, 1.5, 3.0}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] referenceMean = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
                double[] referenceLogStd = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
                double[] policyMean = {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
                double[] policyLogStd = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
                if (!isFinite(alpha, referenceLogStd, policyLogStd)) {
                    continue;
                }

                double value = gaussian(new AlphaDivergence(alpha), referenceMean, referenceLogStd, policyMean,
                        policyLogStd);
                assertTrue(value >= 0.0, "alpha " + alpha + " gave " + value);
                checked++;
            }
        }
        // The three α in [0, 1] always pass the finiteness check, so at least 3·20 pairs ran.
        assertTrue(checked >= 60, "checked " + checked);
    }

    @Test
    void gaussianIsZeroAtEqualPolicies() {
        double[] mean = {0.3, -2.0};
        double[] logStd = {0.4, -0.7};

        for (double alpha : new double[] {-1.0, 0.0, 0.5, 1.0, 2.0}) {
            double value = gaussian(new AlphaDivergence(alpha), mean, logStd, mean, logStd);

            assertEquals(0.0, value, 1e-14, "alpha " + alpha);
        }
    }

    @Test
    void gaussianAcceptsPolicies() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0.0}, new double[] {1.0}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {1.0}, new double[] {2.0}, true);

            NDArray value = new AlphaDivergence(0.5).gaussian(reference, policy);

            // Same pair as gaussianAtHalfByHand.
            assertEquals(new Shape(), value.getShape());
            assertEquals(4.0 * (1.0 - Math.sqrt(0.8) * Math.exp(-0.05)), value.getDouble(), 1e-14);
        }
    }

    @Test
    void gaussianReducesBatchedRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray referenceMean = manager.create(new double[][] {{0.0}, {0.0}}); // (2, 1)
            NDArray referenceLogStd = manager.create(new double[][] {{0.0}, {0.0}}); // (2, 1)
            NDArray policyMean = manager.create(new double[][] {{1.0}, {0.0}}); // (2, 1)
            NDArray policyLogStd = manager.create(new double[][] {{Math.log(2.0)}, {0.0}}); // (2, 1)

            NDArray value = new AlphaDivergence(0.5).gaussian(referenceMean, referenceLogStd, policyMean, policyLogStd);

            // Row 0 is the pair of gaussianAtHalfByHand, and row 1 compares N(0, 1) with itself.
            assertEquals(new Shape(2), value.getShape());
            assertArrayEquals(new double[] {4.0 * (1.0 - Math.sqrt(0.8) * Math.exp(-0.05)), 0.0},
                    value.toDoubleArray(), 1e-14);
        }
    }

    @Test
    void gaussianGradientMatchesFiniteDifferences() {
        double[] referenceMean = {0.2, -0.5};
        double[] referenceLogStd = {0.1, -0.3};
        double[] policyMean = {-0.4, 0.3};
        double[] policyLogStd = {0.1, -0.2};

        // s = α σ_θ² + (1 − α) σ_ref² stays above 0.4 in both dimensions for these α, far from the
        // boundary s = 0 where the gradient grows without bound.
        for (double alpha : new double[] {0.5, 2.0, -0.5}) {
            Divergence divergence = new AlphaDivergence(alpha);
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
                assertArrayEquals(meanGradient, gradients[0], 1e-7, "alpha " + alpha);
                assertArrayEquals(logStdGradient, gradients[1], 1e-7, "alpha " + alpha);
            }
        }
    }

    @Test
    void gaussianRejectsInfiniteIntegral() {
        // α = 2 with σ_θ = 1 and σ_ref = 2: s = 2·1 + (1 − 2)·4 = −2 ≤ 0.
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> gaussian(new AlphaDivergence(2.0), new double[] {0.0}, new double[] {Math.log(2.0)},
                        new double[] {0.0}, new double[] {0.0}));

        assertEquals("alpha-divergence with alpha = 2.0 is infinite: alpha*policyVariance + (1 - alpha)"
                + "*referenceVariance must be > 0 in every dimension, got -2.0 at flat index 0; use alpha in [0, 1],"
                + " where the divergence is finite for all Gaussians", error.getMessage());
    }

    @Test
    void gaussianRejectsDimensionMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> gaussian(new AlphaDivergence(0.5), new double[] {0.0}, new double[] {0.0},
                        new double[] {0.0, 1.0}, new double[] {0.0, 0.0}));

        assertEquals("referenceMean shape (1) does not broadcast against policyMean shape (2); "
                + "the last axis must be the event axis in both", error.getMessage());
    }

    @Test
    void categoricalByHand() {
        double[] reference = log(0.5, 0.5);
        double[] policy = log(0.9, 0.1);

        // α = ½: Σ √(p q) = √0.45 + √0.05 = 3√0.05 + √0.05 = 4√0.05, so D = 4·(1 − 4√0.05) ≈ 0.422291.
        assertEquals(4.0 * (1.0 - 4.0 * Math.sqrt(0.05)), categorical(new AlphaDivergence(0.5), reference, policy),
                1e-14);
        // α = 2: Σ p²/q = 0.25/0.9 + 0.25/0.1 = 5/18 + 45/18 = 25/9, so D = (1 − 25/9)/(2·(−1)) = 8/9.
        assertEquals(8.0 / 9.0, categorical(new AlphaDivergence(2.0), reference, policy), 1e-14);
    }

    @Test
    void categoricalLimitsAreKl() {
        double[] reference = log(0.5, 0.5);
        double[] policy = log(0.9, 0.1);
        // KL(p‖q) = ½ log(0.5/0.9) + ½ log(0.5/0.1) = ½ log(25/9) = log(5/3).
        double forward = Math.log(5.0 / 3.0);
        // KL(q‖p) = 0.9 log 1.8 + 0.1 log 0.2 ≈ 0.368064.
        double reverse = 0.9 * Math.log(1.8) + 0.1 * Math.log(0.2);

        assertEquals(forward, categorical(new AlphaDivergence(1.0), reference, policy), 1e-15);
        assertEquals(reverse, categorical(new AlphaDivergence(0.0), reference, policy), 1e-15);
        // The same O(ε) argument as for Gaussians; the slopes here are below 1.
        assertEquals(forward, categorical(new AlphaDivergence(1.0 - 1e-6), reference, policy), 5e-6);
        assertEquals(reverse, categorical(new AlphaDivergence(1e-6), reference, policy), 5e-6);
    }

    @Test
    void categoricalZeroProbabilityClass() {
        double[] reference = {0.0, Double.NEGATIVE_INFINITY}; // p = (1, 0)
        double[] policy = log(0.5, 0.5);

        // α = ½: Σ √(p q) = √0.5, so D = 4·(1 − √0.5) ≈ 1.171573.
        assertEquals(4.0 * (1.0 - Math.sqrt(0.5)), categorical(new AlphaDivergence(0.5), reference, policy), 1e-14);
        // α = 2: the empty class contributes 0²/0.5 = 0, so Σ p²/q = 2 and D = (1 − 2)/(−2) = ½.
        assertEquals(0.5, categorical(new AlphaDivergence(2.0), reference, policy), 1e-14);
        // α = −1: the empty class contributes 0^(−1)·0.5² = +∞, so D = +∞.
        assertEquals(Double.POSITIVE_INFINITY, categorical(new AlphaDivergence(-1.0), reference, policy));
    }

    @Test
    void categoricalIsNonNegativeAndZeroAtEqual() {
        SplittableRandom rng = new SplittableRandom(5);
        for (double alpha : new double[] {-1.0, 0.0, 0.3, 1.0, 2.5}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] reference = logSoftmax(rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-3, 3));
                double[] policy = logSoftmax(rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-3, 3));

                double value = categorical(new AlphaDivergence(alpha), reference, policy);
                double self = categorical(new AlphaDivergence(alpha), reference, reference);

                assertTrue(value >= 0.0, "alpha " + alpha + " gave " + value);
                assertEquals(0.0, self, 1e-14, "alpha " + alpha);
            }
        }
    }

    @Test
    void categoricalGradientMatchesFiniteDifferences() {
        double[] reference = log(0.2, 0.5, 0.3);
        double[] policyLogits = {0.4, -1.0, 0.7};

        for (double alpha : new double[] {0.5, 2.0, -0.5}) {
            Divergence divergence = new AlphaDivergence(alpha);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray logits = manager.create(policyLogits);
                logits.setRequiresGradient(true);
                double[][] gradients = NumericalGradient.autograd(new NDList(logits),
                        () -> divergence.categorical(manager.create(reference), logits.logSoftmax(-1)));

                double[] expected = NumericalGradient.centralDifference(
                        z -> categoricalFromLogits(divergence, reference, z), policyLogits, H);
                assertArrayEquals(expected, gradients[0], 1e-7, "alpha " + alpha);
            }
        }
    }

    @Test
    void estimateEqualsExpectationOnExactFrequencies() {
        // Samples (0, 0, 1, 2) have the class frequencies of p = (½, ¼, ¼), so the sample mean of each
        // term equals its expectation under π_ref. An unbiased estimator then equals the closed form.
        double[] reference = log(0.5, 0.25, 0.25);
        double[] policy = log(0.2, 0.5, 0.3);
        int[] samples = {0, 0, 1, 2};

        for (double alpha : new double[] {-0.5, 0.0, 0.5, 1.0, 2.0}) {
            Divergence divergence = new AlphaDivergence(alpha);

            double value = estimate(divergence, gather(reference, samples), gather(policy, samples));

            assertEquals(categorical(divergence, reference, policy), value, 1e-14, "alpha " + alpha);
        }
    }

    @Test
    void estimateMatchesGaussianClosedForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0.0}, new double[] {1.0}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0.3}, new double[] {1.2}, false);
            int batches = 20;
            int perBatch = 10_000;
            NDArray samples = manager.create(reference.sample(batches * perBatch, new SplittableRandom(9))); // (B·N, 1)
            NDArray referenceLogProbs = reference.logProb(samples).reshape(batches, perBatch); // (B, N)
            NDArray policyLogProbs = policy.logProb(samples).reshape(batches, perBatch); // (B, N)

            for (double alpha : new double[] {0.0, 0.5, 1.0, 2.0}) {
                Divergence divergence = new AlphaDivergence(alpha);
                double[] batchEstimates = divergence.estimate(referenceLogProbs, policyLogProbs).toDoubleArray(); // (B)
                double closedForm = divergence.gaussian(reference, policy).getDouble();

                // The B batch estimates are independent, so their mean has standard error s_B/√B, where s_B
                // is their sample standard deviation. 5 standard errors bound a correct estimator.
                double mean = 0;
                for (double batchEstimate : batchEstimates) {
                    mean += batchEstimate / batches;
                }
                double variance = 0;
                for (double batchEstimate : batchEstimates) {
                    variance += (batchEstimate - mean) * (batchEstimate - mean) / (batches - 1);
                }
                double standardError = Math.sqrt(variance / batches);
                assertEquals(closedForm, mean, 5 * standardError, "alpha " + alpha);
                // The check only means something if the error is small next to the value: 5 standard
                // errors below a quarter of it.
                assertTrue(standardError < 0.05 * closedForm, "alpha " + alpha + " standard error " + standardError);
            }
        }
    }

    @Test
    void constructorRejectsNonFiniteAlpha() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new AlphaDivergence(Double.NaN));

        assertEquals("alpha must be a finite real number, got NaN; use a value in [0, 1] such as 0.5 "
                + "(1 gives KL(reference||policy))", error.getMessage());
    }

    @Test
    void estimateRejectsShapeMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> estimate(new AlphaDivergence(0.5), new double[] {0.0, 0.0}, new double[] {0.0}));

        assertEquals("referenceLogProbs and policyLogProbs must have the same shape, got (2) and (1); "
                + "pass one value per event dimension", error.getMessage());
    }

    /** Checks s = α σ_θ² + (1 − α) σ_ref² > 0 in every dimension. */
    private static boolean isFinite(double alpha, double[] referenceLogStd, double[] policyLogStd) {
        for (int d = 0; d < referenceLogStd.length; d++) {
            double mixed = alpha * Math.exp(2 * policyLogStd[d]) + (1 - alpha) * Math.exp(2 * referenceLogStd[d]);
            if (mixed <= 0) {
                return false;
            }
        }
        return true;
    }

    private static double[] logSoftmax(double... logits) {
        double logNormaliser = 0;
        for (double logit : logits) {
            logNormaliser += Math.exp(logit);
        }
        logNormaliser = Math.log(logNormaliser);
        double[] logProbs = new double[logits.length];
        for (int v = 0; v < logits.length; v++) {
            logProbs[v] = logits[v] - logNormaliser;
        }
        return logProbs;
    }

    private static double[] gather(double[] values, int[] indices) {
        double[] gathered = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            gathered[i] = values[indices[i]];
        }
        return gathered;
    }
}
