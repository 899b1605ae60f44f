package org.pmpo4j.divergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pmpo4j.testing.DivergenceValues.categorical;
import static org.pmpo4j.testing.DivergenceValues.categoricalFromLogits;
import static org.pmpo4j.testing.DivergenceValues.estimate;
import static org.pmpo4j.testing.DivergenceValues.gaussian;
import static org.pmpo4j.testing.DivergenceValues.log;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.pmpo4j.testing.NumericalGradient;

class EntropyRegularizerTest {

    private static final double H = 1e-5;
    private static final EntropyRegularizer ENTROPY = new EntropyRegularizer();
    /** ½ log(2πe), the entropy of a unit-variance Gaussian per dimension. */
    private static final double UNIT_GAUSSIAN_ENTROPY = 0.5 * Math.log(2.0 * Math.PI * Math.E);

    @Test
    void nameIsEntropy() {
        assertEquals("entropy", ENTROPY.name());
    }

    @Test
    void gaussianIsNegativeEntropyOfPolicy() {
        double value = gaussian(ENTROPY, new double[] {5.0, 5.0}, new double[] {3.0, 3.0}, new double[] {0.0, 1.0},
                new double[] {0.0, Math.log(2.0)});

        // −H = −[(0 + ½ log 2πe) + (log 2 + ½ log 2πe)] = −(2·1.418939 + 0.693147) ≈ −3.531024.
        assertEquals(-(2 * UNIT_GAUSSIAN_ENTROPY + Math.log(2.0)), value, 1e-14);
    }

    @Test
    void gaussianIgnoresReference() {
        double[] policyMean = {0.3};
        double[] policyLogStd = {-0.4};

        double first = gaussian(ENTROPY, new double[] {0.0}, new double[] {0.0}, policyMean, policyLogStd);
        double second = gaussian(ENTROPY, new double[] {9.0}, new double[] {2.0}, policyMean, policyLogStd);

        assertEquals(first, second, 0.0);
    }

    @Test
    void categoricalByHand() {
        // −H(0.9, 0.1) = 0.9 log 0.9 + 0.1 log 0.1 = −0.094825 − 0.230259 ≈ −0.325083.
        double value = categorical(ENTROPY, log(0.5, 0.5), log(0.9, 0.1));

        assertEquals(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1), value, 1e-15);
    }

    @Test
    void categoricalUniformIsMinusLogV() {
        // The uniform distribution over 4 classes has the maximum entropy log 4.
        double value = categorical(ENTROPY, log(0.1, 0.2, 0.3, 0.4), log(0.25, 0.25, 0.25, 0.25));

        assertEquals(-Math.log(4.0), value, 1e-15);
    }

    @Test
    void categoricalZeroProbabilityClass() {
        // The empty class contributes 0·log 0 = 0, so −H(1, 0) = 0.
        double value = categorical(ENTROPY, log(0.5, 0.5), new double[] {0.0, Double.NEGATIVE_INFINITY});

        assertEquals(0.0, value, 0.0);
    }

    @Test
    void gaussianGradientMatchesFiniteDifferences() {
        double[] referenceMean = {0.0, 0.0};
        double[] referenceLogStd = {0.0, 0.0};
        double[] policyMean = {0.3, -0.2};
        double[] policyLogStd = {0.5, -0.4};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logStd = manager.create(policyLogStd);
            logStd.setRequiresGradient(true);
            double[][] gradients = NumericalGradient.autograd(new NDList(logStd),
                    () -> ENTROPY.gaussian(manager.create(referenceMean), manager.create(referenceLogStd),
                            manager.create(policyMean), logStd));

            // d(−H)/d log σ_d = −1 for every dimension.
            double[] expected = NumericalGradient.centralDifference(
                    s -> gaussian(ENTROPY, referenceMean, referenceLogStd, policyMean, s), policyLogStd, H);
            assertArrayEquals(new double[] {-1.0, -1.0}, expected, 1e-9);
            assertArrayEquals(expected, gradients[0], 1e-7);
        }
    }

    @Test
    void categoricalGradientMatchesFiniteDifferences() {
        double[] reference = log(0.2, 0.5, 0.3);
        double[] policyLogits = {0.4, -1.0, 0.7};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.create(policyLogits);
            logits.setRequiresGradient(true);
            double[][] gradients = NumericalGradient.autograd(new NDList(logits),
                    () -> ENTROPY.categorical(manager.create(reference), logits.logSoftmax(-1)));

            double[] expected = NumericalGradient.centralDifference(
                    z -> categoricalFromLogits(ENTROPY, reference, z), policyLogits, H);
            assertArrayEquals(expected, gradients[0], 1e-7);
        }
    }

    @Test
    void estimateEqualsExpectationOnExactFrequencies() {
        // Samples (0, 0, 1, 2) have the class frequencies of π_ref = (½, ¼, ¼), so the mean of the
        // terms r·log π_θ equals E_ref[r log π_θ] = Σ_v π_θ(v) log π_θ(v) = −H(π_θ) exactly.
        double[] reference = log(0.5, 0.25, 0.25);
        double[] policy = log(0.2, 0.5, 0.3);
        double[] referenceAtSamples = {reference[0], reference[0], reference[1], reference[2]};
        double[] policyAtSamples = {policy[0], policy[0], policy[1], policy[2]};

        double value = estimate(ENTROPY, referenceAtSamples, policyAtSamples);

        assertEquals(categorical(ENTROPY, reference, policy), value, 1e-15);
    }

    @Test
    void categoricalRejectsShapeMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> categorical(ENTROPY, log(0.5, 0.5), log(0.2, 0.3, 0.5)));

        assertEquals("referenceLogProbs and policyLogProbs must have the same shape, got (2) and (3); "
                + "pass one value per event dimension", error.getMessage());
    }
}
