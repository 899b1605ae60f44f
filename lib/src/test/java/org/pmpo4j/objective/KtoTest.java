package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class KtoTest {

    private static final double[] NONE = new double[0];

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void ktoLossAtReferenceIsHalfLambda() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray two = manager.create(new double[] {-1.5, -0.5});
            NDArray one = manager.create(new double[] {-2.0});
            NDArray mismatched = manager.create(new double[] {-3.0, -1.0});

            ObjectiveResult result = new Kto(0.1, 1.0, 1.5).loss(two, two, one, one, mismatched, mismatched);

            // r = 0 and z_0 = max(0, 0) = 0, so each desirable sample costs λ_D/2 = 0.5 and the undesirable
            // one λ_U/2 = 0.75. The mean over 3 samples is (0.5 + 0.5 + 0.75)/3.
            assertEquals(1.75 / 3, result.lossValue(), 1e-15);
            assertEquals(0.0, result.statistic("kl/reference_point"), 0.0);
            assertEquals(0.0, result.statistic("logratio/desirable"), 0.0);
            assertEquals(2.0, result.statistic("count/desirable"), 0.0);
            assertEquals(1.0, result.statistic("count/undesirable"), 0.0);
        }
    }

    @Test
    void ktoLossOnGivenNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    new Kto(1, 1, 1)
                            .loss(
                                    manager.create(new double[] {0.0}),
                                    manager.create(new double[] {-1.0}),
                                    manager.create(new double[] {-2.0}),
                                    manager.create(new double[] {-1.0}),
                                    manager.create(new double[] {-1.0, -2.0}),
                                    manager.create(new double[] {-2.0, -2.0}));

            // r_D = 1, r_U = −1, z_0 = max(0, mean(1, 0)) = 0.5.
            // Desirable: 1 − σ(1 − 0.5) = σ(−0.5). Undesirable: 1 − σ(0.5 + 1) = σ(−1.5).
            double expected = (sigmoid(-0.5) + sigmoid(-1.5)) / 2;
            assertEquals(expected, result.lossValue(), 1e-15);
            assertEquals(expected, result.statistic("loss/kto"), 1e-15);
            assertEquals(0.5, result.statistic("kl/reference_point"), 1e-15);
            assertEquals(1.0, result.statistic("logratio/desirable"), 1e-15);
            assertEquals(-1.0, result.statistic("logratio/undesirable"), 1e-15);
        }
    }

    @Test
    void negativeReferencePointIsClampedToZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray zero = manager.create(new double[] {0.0});

            ObjectiveResult result =
                    new Kto(2, 1, 1)
                            .loss(
                                    zero,
                                    zero,
                                    manager.create(NONE),
                                    manager.create(NONE),
                                    manager.create(new double[] {-3.0}),
                                    manager.create(new double[] {-1.0}));

            // The mismatched log-ratio is −2, so z_0 = max(0, −2) = 0 and the one desirable sample costs 1 − σ(0).
            assertEquals(0.0, result.statistic("kl/reference_point"), 0.0);
            assertEquals(0.5, result.lossValue(), 1e-15);
            assertTrue(Double.isNaN(result.statistic("logratio/undesirable")));
        }
    }

    @Test
    void undesirableOnlyIsAllowed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray empty = manager.create(NONE);
            NDArray zero = manager.create(new double[] {0.0});

            ObjectiveResult result =
                    new Kto(1, 1, 3)
                            .loss(empty, empty, manager.create(new double[] {-1.0}), manager.create(new double[] {-2.0}), zero, zero);

            // r_U = 1 and z_0 = 0, so the cost is λ_U·(1 − σ(0 − 1)) = 3·σ(1).
            assertEquals(3 * sigmoid(1), result.lossValue(), 1e-15);
            assertTrue(Double.isNaN(result.statistic("logratio/desirable")));
        }
    }

    @Test
    void float32InputsGiveFloat32Loss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new float[] {-1f});

            ObjectiveResult result = new Kto(0.1, 1, 1).loss(logProbs, logProbs, logProbs, logProbs, logProbs, logProbs);

            // Every r and z_0 are 0, so both samples cost 1/2.
            assertEquals(DataType.FLOAT32, result.loss().getDataType());
            assertEquals(0.5, result.lossValue(), 1e-7);
        }
    }

    @Test
    void ktoGradientMatchesFiniteDifferences() {
        Kto kto = new Kto(0.8, 1.3, 0.6);

        // The mismatched samples are fixed here, so z_0 is a constant and finite differences see the same function.
        GradientCheck.assertGradientsMatch(
                inputs -> {
                    NDManager manager = inputs[0].getManager();
                    NDArray policyMismatched = manager.create(new double[] {-1.0, -0.5});
                    NDArray referenceMismatched = manager.create(new double[] {-1.4, -1.2});
                    return kto.loss(inputs[0], inputs[1], inputs[2], inputs[3], policyMismatched, referenceMismatched)
                            .loss();
                },
                1e-9,
                new double[] {-1.0, -2.5},
                new double[] {-1.2, -2.0},
                new double[] {-3.1, -0.4, -0.9},
                new double[] {-2.7, -0.6, -1.5});
    }

    @Test
    void referencePointGetsNoGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray policyDesirable = manager.create(new double[] {-1.0});
            NDArray referenceDesirable = manager.create(new double[] {-1.5});
            NDArray empty = manager.create(NONE);
            NDArray policyMismatched = manager.create(new double[] {-0.2, -0.4});
            NDArray referenceMismatched = manager.create(new double[] {-1.0, -1.0});
            policyDesirable.setRequiresGradient(true);
            policyMismatched.setRequiresGradient(true);

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss =
                        new Kto(1, 1, 1)
                                .loss(
                                        policyDesirable,
                                        referenceDesirable,
                                        empty,
                                        empty,
                                        policyMismatched,
                                        referenceMismatched)
                                .loss();
                collector.backward(loss);
            }
            // DJL returns float32 zeros for an array that backward never reached, so read as float64.
            double[][] gradient = {
                Inputs.values(policyDesirable.getGradient()), Inputs.values(policyMismatched.getGradient())
            };

            // z_0 = mean(0.8, 0.6) = 0.7 is detached. With x = r − z_0 = 0.5 − 0.7 = −0.2, the cost σ(−x) has
            // ∂/∂r = −σ(x)·σ(−x), and the mismatched log-probs get exactly 0.
            assertArrayEquals(new double[] {-sigmoid(-0.2) * sigmoid(0.2)}, gradient[0], 1e-15);
            assertArrayEquals(new double[] {0, 0}, gradient[1], 0.0);
        }
    }

    @Test
    void bothSetsEmptyIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray empty = manager.create(NONE);
            NDArray one = manager.create(new double[] {-1});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Kto(0.1, 1, 1).loss(empty, empty, empty, empty, one, one));

            assertEquals(
                    "policyDesirable and policyUndesirable are both empty; pass at least one labelled sample",
                    error.getMessage());
        }
    }

    @Test
    void emptyMismatchedIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray empty = manager.create(NONE);
            NDArray one = manager.create(new double[] {-1});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Kto(0.1, 1, 1).loss(one, one, empty, empty, empty, empty));

            assertEquals(
                    "policyMismatched is empty, but the reference point z_0 needs at least one mismatched sample;"
                            + " score outputs under other contexts of the batch, or fresh policy samples for a policy"
                            + " without context",
                    error.getMessage());
        }
    }

    @Test
    void invalidParametersAreRejected() {
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class, () -> new Kto(0, 1, 1));
        IllegalArgumentException desirable =
                assertThrows(IllegalArgumentException.class, () -> new Kto(0.1, -1, 1));
        IllegalArgumentException undesirable =
                assertThrows(IllegalArgumentException.class, () -> new Kto(0.1, 1, Double.NaN));

        assertEquals("beta must be finite and > 0, got 0.0; 0.1 is a common starting value", beta.getMessage());
        assertEquals("desirableWeight must be finite and > 0, got -1.0; use 1 for equal weights", desirable.getMessage());
        assertEquals(
                "undesirableWeight must be finite and > 0, got NaN; use 1 for equal weights", undesirable.getMessage());
    }

    @Test
    void referenceShapeMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray one = manager.create(new double[] {-1});
            NDArray two = manager.create(new double[] {-1, -2});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class, () -> new Kto(0.1, 1, 1).loss(one, one, one, one, two, one));

            assertEquals(
                    "referenceMismatched has shape (1) but policyMismatched has shape (2);"
                            + " pass one entry per sample in both",
                    error.getMessage());
        }
    }

    @Test
    void nanLogProbIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray one = manager.create(new double[] {-1});
            NDArray invalid = manager.create(new double[] {Double.NaN});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Kto(0.1, 1, 1).loss(one, one, one, one, one, invalid));

            assertEquals(
                    "referenceMismatched[0] is NaN; every input must be finite, so check the policy and the samples"
                            + " that produced it",
                    error.getMessage());
        }
    }
}
