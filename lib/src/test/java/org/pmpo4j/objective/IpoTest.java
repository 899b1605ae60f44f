package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class IpoTest {

    @Test
    void ipoLossAtZeroMarginIsQuarterTauSquared() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[] {-0.7, -2.2});

            ObjectiveResult result = new Ipo(0.25).loss(logProbs, logProbs, logProbs, logProbs);

            // h = 0, so each loss is (0 − 1/(2τ))² = 1/(4τ²) = 1/(4 · 0.0625) = 4.
            assertEquals(4.0, result.lossValue(), 1e-15);
            assertEquals(2.0, result.statistic("logratio/target"), 0.0);
            assertEquals(0.0, result.statistic("logratio/margin"), 0.0);
        }
    }

    @Test
    void ipoLossOnGivenNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    new Ipo(0.5)
                            .loss(
                                    manager.create(new double[] {-1, -2}),
                                    manager.create(new double[] {-2, -1}),
                                    manager.create(new double[] {-3, -1}),
                                    manager.create(new double[] {-2, -1}));

            // The target is 1/(2 · 0.5) = 1. Margins h are 2 and −1, so the loss is ((2 − 1)² + (−1 − 1)²) / 2.
            assertEquals(2.5, result.lossValue(), 1e-15);
            assertEquals(2.5, result.statistic("loss/ipo"), 1e-15);
            assertEquals(0.0, result.statistic("logratio/chosen"), 1e-15);
            assertEquals(-0.5, result.statistic("logratio/rejected"), 1e-15);
            assertEquals(0.5, result.statistic("logratio/margin"), 1e-15);
            assertEquals(1.0, result.statistic("logratio/target"), 0.0);
            assertEquals(2.0, result.statistic("count/pairs"), 0.0);
        }
    }

    @Test
    void ipoGradientMatchesFiniteDifferences() {
        Ipo ipo = new Ipo(0.8);

        GradientCheck.assertGradientsMatch(
                inputs -> ipo.loss(inputs[0], inputs[1], inputs[2], inputs[3]).loss(),
                1e-8,
                new double[] {-1.0, -2.5},
                new double[] {-1.2, -2.0},
                new double[] {-3.1, -0.4},
                new double[] {-2.7, -0.6});
    }

    @Test
    void invalidTauIsRejected() {
        for (double tau : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Ipo(tau));

            assertEquals(
                    "tau must be finite and > 0, got "
                            + tau
                            + "; the margin target is 1/(2 tau), so pass for example 0.1 for a target of 5",
                    error.getMessage());
        }
    }

    @Test
    void pairShapeMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray two = manager.create(new double[] {-1, -2});
            NDArray one = manager.create(new double[] {-1});

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> new Ipo(0.1).loss(two, one, two, two));

            assertEquals(
                    "referenceChosen has shape (1) but policyChosen has shape (2); pass one entry per sample in both",
                    error.getMessage());
        }
    }

    @Test
    void infiniteLogProbIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray valid = manager.create(new double[] {-1});
            NDArray invalid = manager.create(new double[] {Double.NEGATIVE_INFINITY});

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> new Ipo(0.1).loss(valid, valid, invalid, valid));

            assertEquals(
                    "policyRejected[0] is -Infinity; every input must be finite, so check the policy and the samples"
                            + " that produced it",
                    error.getMessage());
        }
    }
}
