package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.pmpo4j.testing.NumericalGradient;

class DpoTest {

    @Test
    void dpoLossAtEqualLogProbsIsLn2() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[] {-1.3, -0.2, -4.0});

            ObjectiveResult result = new Dpo(0.1).loss(logProbs, logProbs, logProbs, logProbs);

            // h = 0 for every pair, so each loss is −log σ(0) = ln 2.
            assertEquals(Math.log(2), result.lossValue(), 1e-15);
            assertEquals(0.0, result.statistic("reward/margin"), 0.0);
            assertEquals(0.0, result.statistic("reward/accuracy"), 0.0);
            assertEquals(3.0, result.statistic("count/pairs"), 0.0);
        }
    }

    @Test
    void dpoLossOnGivenNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    new Dpo(0.5)
                            .loss(
                                    manager.create(new double[] {-1, -2}),
                                    manager.create(new double[] {-2, -1}),
                                    manager.create(new double[] {-3, -1}),
                                    manager.create(new double[] {-2, -1}));

            // Pair 0: h = (−1 + 2) − (−3 + 2) = 2, β·h = 1, loss log(1 + e^−1).
            // Pair 1: h = (−2 + 1) − (−1 + 1) = −1, β·h = −0.5, loss log(1 + e^0.5).
            double expected = (Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(0.5))) / 2;
            assertEquals(expected, result.lossValue(), 1e-15);
            assertEquals(expected, result.statistic("loss/dpo"), 1e-15);
            // Rewards are β·(log π_θ − log π_ref): chosen 0.5·mean(1, −1) = 0, rejected 0.5·mean(−1, 0).
            assertEquals(0.0, result.statistic("reward/chosen"), 1e-15);
            assertEquals(-0.25, result.statistic("reward/rejected"), 1e-15);
            assertEquals(0.25, result.statistic("reward/margin"), 1e-15);
            assertEquals(0.5, result.statistic("reward/accuracy"), 0.0);
            assertEquals(2.0, result.statistic("count/pairs"), 0.0);
        }
    }

    @Test
    void dpoLossStaysFiniteForHugeMargins() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray zeros = manager.create(new double[] {0, 0});

            ObjectiveResult result = new Dpo(1).loss(manager.create(new double[] {2000, -2000}), zeros, zeros, zeros);

            // −log σ(2000) = 0 and −log σ(−2000) = 2000, so the mean is 1000; a naive log(σ) gives inf.
            assertEquals(1000.0, result.lossValue(), 1e-12);
        }
    }

    @Test
    void float32InputsGiveFloat32Loss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new float[] {-1f, -2f});

            ObjectiveResult result = new Dpo(0.1).loss(logProbs, logProbs, logProbs, logProbs);

            assertEquals(DataType.FLOAT32, result.loss().getDataType());
            assertEquals(Math.log(2), result.lossValue(), 1e-7);
        }
    }

    @Test
    void dpoGradientMatchesFiniteDifferences() {
        Dpo dpo = new Dpo(0.7);

        GradientCheck.assertGradientsMatch(
                inputs -> dpo.loss(inputs[0], inputs[1], inputs[2], inputs[3]).loss(),
                1e-9,
                new double[] {-1.0, -2.5, -0.3},
                new double[] {-1.2, -2.0, -0.9},
                new double[] {-3.1, -0.4, -0.8},
                new double[] {-2.7, -0.6, -1.1});
    }

    @Test
    void dpoGradientHasClosedForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray policyChosen = manager.create(new double[] {0.0});
            NDArray zero = manager.create(new double[] {0.0});
            policyChosen.setRequiresGradient(true);

            double[][] gradient =
                    NumericalGradient.autograd(
                            new NDList(policyChosen), () -> new Dpo(0.3).loss(policyChosen, zero, zero, zero).loss());

            // ∂/∂h of −log σ(β·h) is −β·σ(−β·h) = −0.3 · 0.5 at h = 0.
            assertArrayEquals(new double[] {-0.15}, gradient[0], 1e-15);
        }
    }

    @Test
    void invalidBetaIsRejected() {
        for (double beta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dpo(beta));

            assertEquals(
                    "beta must be finite and > 0, got " + beta + "; 0.1 is a common starting value",
                    error.getMessage());
        }
    }

    @Test
    void pairShapeMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray two = manager.create(new double[] {-1, -2});
            NDArray three = manager.create(new double[] {-1, -2, -3});

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> new Dpo(0.1).loss(two, two, three, two));

            assertEquals(
                    "policyRejected has shape (3) but policyChosen has shape (2); pass one entry per sample in both",
                    error.getMessage());
        }
    }

    @Test
    void emptyPairsAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray empty = manager.create(new double[0]);

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> new Dpo(0.1).loss(empty, empty, empty, empty));

            assertEquals("the pair inputs are empty; pass at least one (chosen, rejected) pair", error.getMessage());
        }
    }

    @Test
    void nanLogProbIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray valid = manager.create(new double[] {-1, -2});
            NDArray invalid = manager.create(new double[] {-1, Double.NaN});

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> new Dpo(0.1).loss(valid, invalid, valid, valid));

            assertEquals(
                    "referenceChosen[1] is NaN; every input must be finite, so check the policy and the samples"
                            + " that produced it",
                    error.getMessage());
        }
    }

    @Test
    void matrixInputIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray matrix = manager.create(new double[][] {{-1, -2}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class, () -> new Dpo(0.1).loss(matrix, matrix, matrix, matrix));

            assertEquals("policyChosen must be a vector of shape (N), got shape (1, 2)", error.getMessage());
        }
    }
}
