package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.pmpo4j.policy.GaussianPolicy;
import org.pmpo4j.testing.NumericalGradient;

class PmpoTest {

    private static final double[] NONE = new double[0];

    @Test
    void acceptRejectLossOnGivenNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    new Pmpo(0.5, 0.1)
                            .loss(
                                    manager.create(new double[] {-1, -2}),
                                    manager.create(new double[] {-3, -1, -2}),
                                    manager.create(0.4));

            // mean D_a = −1.5, mean D_r = −2, so L = −0.5·(−1.5) + 0.5·(−2) + 0.1·0.4 = 0.75 − 1 + 0.04 = −0.21.
            assertEquals(-0.21, result.lossValue(), 1e-15);
            assertEquals(-0.21, result.statistic("loss/pmpo"), 1e-15);
            assertEquals(0.75, result.statistic("loss/accepted"), 1e-15);
            assertEquals(-1.0, result.statistic("loss/rejected"), 1e-15);
            assertEquals(0.04, result.statistic("loss/divergence"), 1e-15);
            assertEquals(-1.5, result.statistic("logp/accepted"), 1e-15);
            assertEquals(-2.0, result.statistic("logp/rejected"), 1e-15);
            assertEquals(0.4, result.statistic("divergence"), 1e-15);
            assertEquals(2.0, result.statistic("count/accepted"), 0.0);
            assertEquals(3.0, result.statistic("count/rejected"), 0.0);
            assertEquals(new Shape(), result.loss().getShape());
            assertEquals(DataType.FLOAT64, result.loss().getDataType());
        }
    }

    @Test
    void statisticsKeepDocumentedOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    Pmpo.acceptReject(1)
                            .loss(manager.create(new double[] {-1}), manager.create(new double[] {-2}), manager.create(0.0));

            assertArrayEquals(
                    new String[] {
                        "loss/pmpo",
                        "loss/accepted",
                        "loss/rejected",
                        "loss/divergence",
                        "logp/accepted",
                        "logp/rejected",
                        "divergence",
                        "count/accepted",
                        "count/rejected"
                    },
                    result.statistics().keySet().toArray(new String[0]));
        }
    }

    @Test
    void acceptOnlyAllowsEmptyRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    Pmpo.acceptOnly(0).loss(manager.create(new double[] {-0.5, -1.5}), manager.create(NONE), null);

            // α = 1 and β = 0: L = −mean D_a = 1; the rejected term and the divergence drop out.
            assertEquals(1.0, result.lossValue(), 1e-15);
            assertEquals(0.0, result.statistic("loss/rejected"), 0.0);
            assertEquals(0.0, result.statistic("loss/divergence"), 0.0);
            assertTrue(Double.isNaN(result.statistic("logp/rejected")));
            assertTrue(Double.isNaN(result.statistic("divergence")));
        }
    }

    @Test
    void rejectOnlyAllowsEmptyAccepted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    Pmpo.rejectOnly(2).loss(manager.create(NONE), manager.create(new double[] {-1, -3}), manager.create(0.25));

            // α = 0: L = mean D_r + 2·0.25 = −2 + 0.5 = −1.5.
            assertEquals(-1.5, result.lossValue(), 1e-15);
            assertEquals(0.0, result.statistic("loss/accepted"), 0.0);
            assertTrue(Double.isNaN(result.statistic("logp/accepted")));
            assertEquals(0.0, result.statistic("count/accepted"), 0.0);
        }
    }

    @Test
    void zeroWeightSetIsReportedButIgnored() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    Pmpo.rejectOnly(0)
                            .loss(manager.create(new double[] {-4}), manager.create(new double[] {-1}), manager.create(0.3));

            // α = 0 drops the accepted term from the loss, but its mean log-prob is still reported.
            assertEquals(-1.0, result.lossValue(), 1e-15);
            assertEquals(-4.0, result.statistic("logp/accepted"), 0.0);
            assertEquals(0.0, result.statistic("loss/divergence"), 0.0);
        }
    }

    @Test
    void factoriesSetAlpha() {
        assertEquals(1.0, Pmpo.acceptOnly(0.3).alpha(), 0.0);
        assertEquals(0.0, Pmpo.rejectOnly(0.3).alpha(), 0.0);
        assertEquals(0.5, Pmpo.acceptReject(0.3).alpha(), 0.0);
        assertEquals(0.3, Pmpo.acceptReject(0.3).beta(), 0.0);
    }

    @Test
    void float32InputsGiveFloat32Loss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ObjectiveResult result =
                    Pmpo.acceptReject(0.5)
                            .loss(
                                    manager.create(new float[] {-1f}),
                                    manager.create(new float[] {-3f}),
                                    manager.create(2f));

            // L = −0.5·(−1) + 0.5·(−3) + 0.5·2 = 0.5 − 1.5 + 1 = 0.
            assertEquals(DataType.FLOAT32, result.loss().getDataType());
            assertEquals(0.0, result.lossValue(), 1e-7);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Pmpo pmpo = new Pmpo(0.3, 0.7);
        double[] accepted = {-1.2, -0.4};
        double[] rejected = {-2.5, -0.1, -3.3};
        double[] divergence = {0.8};

        GradientCheck.assertGradientsMatch(
                inputs -> pmpo.loss(inputs[0], inputs[1], inputs[2]).loss(), 1e-9, accepted, rejected, divergence);
    }

    @Test
    void gradientHasClosedForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray accepted = manager.create(new double[] {-1.2, -0.4});
            NDArray rejected = manager.create(new double[] {-2.5, -0.1, -3.3});
            NDArray divergence = manager.create(0.8);
            NDList inputs = new NDList(accepted, rejected, divergence);
            inputs.forEach(array -> array.setRequiresGradient(true));

            double[][] gradient =
                    NumericalGradient.autograd(inputs, () -> new Pmpo(0.3, 0.7).loss(accepted, rejected, divergence).loss());

            // ∂L/∂log π(a_i) = −α/N_a = −0.15, ∂L/∂log π(r_j) = (1 − α)/N_r = 0.7/3, ∂L/∂D = β = 0.7.
            assertArrayEquals(new double[] {-0.15, -0.15}, gradient[0], 1e-15);
            assertArrayEquals(new double[] {0.7 / 3, 0.7 / 3, 0.7 / 3}, gradient[1], 1e-15);
            assertArrayEquals(new double[] {0.7}, gradient[2], 1e-15);
        }
    }

    @Test
    void maskedContextsOnGivenNumbers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2, -3, -4}, {-0.5, -1.5, -2.5, -3.5}}); // (2, 4)
            NDArray acceptedMask = manager.create(new double[][] {{1, 1, 0, 0}, {1, 0, 0, 0}}); // (2, 4)
            NDArray rejectedMask = manager.create(new double[][] {{0, 0, 1, 1}, {0, 0, 1, 1}}); // (2, 4)
            NDArray divergence = manager.create(new double[] {0.2, 0.6}); // (2)

            ObjectiveResult result = Pmpo.acceptReject(1).loss(logProbs, acceptedMask, rejectedMask, divergence);

            // Accepted means per context: −1.5 and −0.5, so −1.0. Rejected: −3.5 and −3.0, so −3.25.
            // L = −0.5·(−1.0) + 0.5·(−3.25) + 1·0.4 = 0.5 − 1.625 + 0.4 = −0.725.
            assertEquals(-0.725, result.lossValue(), 1e-15);
            assertEquals(-1.0, result.statistic("logp/accepted"), 1e-15);
            assertEquals(-3.25, result.statistic("logp/rejected"), 1e-15);
            assertEquals(0.4, result.statistic("divergence"), 1e-15);
            assertEquals(3.0, result.statistic("count/accepted"), 0.0);
            assertEquals(4.0, result.statistic("count/rejected"), 0.0);
        }
    }

    @Test
    void booleanMasksMatchNumericMasks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2, -3}, {-4, -5, -6}}); // (2, 3)
            NDArray divergence = manager.create(new double[] {0.1, 0.3}); // (2)
            Pmpo pmpo = new Pmpo(0.25, 1.5);

            double numeric =
                    pmpo.loss(
                                    logProbs,
                                    manager.create(new double[][] {{1, 0, 0}, {0, 1, 0}}),
                                    manager.create(new double[][] {{0, 1, 1}, {0, 0, 1}}),
                                    divergence)
                            .lossValue();
            double bool =
                    pmpo.loss(
                                    logProbs,
                                    manager.create(new boolean[][] {{true, false, false}, {false, true, false}}),
                                    manager.create(new boolean[][] {{false, true, true}, {false, false, true}}),
                                    divergence)
                            .lossValue();

            // Accepted: −1 and −5, mean −3. Rejected: −2.5 and −6, mean −4.25. Divergence mean 0.2.
            // L = −0.25·(−3) + 0.75·(−4.25) + 1.5·0.2 = 0.75 − 3.1875 + 0.3 = −2.1375.
            assertEquals(-2.1375, numeric, 1e-15);
            assertEquals(numeric, bool, 0.0);
        }
    }

    @Test
    void paddingOutsideMaskIsIgnored() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray accepted = manager.create(new double[][] {{-1, Double.NaN}, {-2, -4}}); // (2, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false}, {true, true}}); // (2, 2)
            NDArray rejected = manager.create(new double[][] {{-5, -7, Double.NaN}, {-6, Double.NaN, Double.NaN}});
            NDArray rejectedMask = manager.create(new boolean[][] {{true, true, false}, {true, false, false}});
            NDArray divergence = manager.create(new double[] {0, 0}); // (2)
            accepted.setRequiresGradient(true);
            rejected.setRequiresGradient(true);

            double[] loss = new double[1];
            double[][] gradient =
                    NumericalGradient.autograd(
                            new NDList(accepted, rejected),
                            () -> {
                                NDArray value =
                                        new Pmpo(0.5, 0).loss(accepted, acceptedMask, rejected, rejectedMask, divergence).loss();
                                loss[0] = value.getDouble();
                                return value;
                            });

            // Accepted means −1 and −3, so −2. Rejected means −6 and −6, so −6. L = 1 − 3 = −2.
            assertEquals(-2.0, loss[0], 1e-15);
            // Each valid entry gets ∓0.5 / (C · count in its context); padding gets exactly 0.
            assertArrayEquals(new double[] {-0.25, 0, -0.125, -0.125}, gradient[0], 1e-15);
            assertArrayEquals(new double[] {0.125, 0.125, 0, 0.25, 0, 0}, gradient[1], 1e-15);
        }
    }

    @Test
    void maskedGradientMatchesFiniteDifferences() {
        Pmpo pmpo = new Pmpo(0.6, 0.9);
        double[] logProbs = {-1.1, -0.3, -2.2, -0.9, -1.7, -0.2}; // (2, 3) row-major
        double[] divergence = {0.4, 1.3};

        GradientCheck.assertGradientsMatch(
                inputs -> {
                    NDManager manager = inputs[0].getManager();
                    NDArray matrix = inputs[0].reshape(2, 3); // (2, 3)
                    NDArray accepted = manager.create(new boolean[][] {{true, false, false}, {false, true, true}});
                    NDArray rejected = manager.create(new boolean[][] {{false, true, true}, {true, false, false}});
                    return pmpo.loss(matrix, accepted, rejected, inputs[1]).loss();
                },
                1e-9,
                logProbs,
                divergence);
    }

    @Test
    void zeroWeightSetMayMissInContext() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}, {-3, -4}}); // (2, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false}, {true, false}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, true}, {false, false}});

            ObjectiveResult result = Pmpo.acceptOnly(0).loss(logProbs, acceptedMask, rejectedMask, null);

            // L = −mean(−1, −3) = 2. Only context 0 has a rejected sample, so logp/rejected is −2.
            assertEquals(2.0, result.lossValue(), 1e-15);
            assertEquals(-2.0, result.statistic("logp/rejected"), 1e-15);
            assertEquals(1.0, result.statistic("count/rejected"), 0.0);
        }
    }

    @Test
    void lossOwnsNoIntermediates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray accepted = manager.create(new float[] {-1f, -2f});
            NDArray rejected = manager.create(new float[] {-3f});
            NDArray divergence = manager.create(0.5f);
            int before = manager.getManagedArrays().size();

            ObjectiveResult result = Pmpo.acceptReject(1).loss(accepted, rejected, divergence);

            // The inputs return to the manager and only the loss is added to it.
            assertEquals(before + 1, manager.getManagedArrays().size());
            assertSame(manager, result.loss().getManager());
            assertSame(manager, accepted.getManager());
            assertSame(manager, divergence.getManager());
        }
    }

    /**
     * PMPO-R on a 1-D Gaussian with fixed rejected samples y = {1, −0.5} and π_ref = N(0, 1).
     *
     * <p>With β = 0 the loss is mean_j log π(y_j) = −log σ − ½ log 2π − mean_j (y_j − μ)² / (2σ²), and
     * ∂L/∂log σ = −1 + mean_j (y_j − μ)²/σ² &lt; 0 once σ² exceeds the spread, so gradient descent grows
     * log σ by about lr per step and the loss falls without bound.
     *
     * <p>With β = 2 the loss is log σ + Q(μ)/(2σ²) + const with Q(μ) = 2 + 2μ² − mean_j (y_j − μ)²,
     * minimised at μ* = −mean_j y_j = −0.25 (away from the rejected samples), Q* = 1.3125 and σ*² = Q*.
     * The minimum is −½ log 2π − 2·½ + ½ log Q* + ½ = −1.2829716...
     */
    @Test
    void rejectOnlyIsBoundedOnlyWithKl() {
        double[] unbounded = descend(0.0);
        double[] bounded = descend(2.0);

        // β = 0: after 1000 steps of lr 0.05 the loss is near −50 and still falling by about 0.05 per step.
        assertTrue(unbounded[0] < -45, "final loss with beta = 0 was " + unbounded[0]);
        assertTrue(unbounded[1] - unbounded[0] > 4, "loss over the last 100 steps fell only to " + unbounded[0]);
        assertTrue(unbounded[3] > 1e15, "sigma with beta = 0 was " + unbounded[3]);

        // β = 2: converged to the analytic minimum.
        double q = 2 + 2 * 0.0625 - (1.25 * 1.25 + 0.25 * 0.25) / 2;
        double minimum = -0.5 * Math.log(2 * Math.PI) - 1 + 0.5 * Math.log(q) + 0.5;
        assertEquals(1.3125, q, 1e-15);
        assertEquals(minimum, bounded[0], 1e-10);
        assertEquals(bounded[1], bounded[0], 1e-12);
        assertEquals(-0.25, bounded[2], 1e-8);
        assertEquals(Math.sqrt(q), bounded[3], 1e-8);
    }

    /** Runs 1000 plain gradient-descent steps and returns {final loss, loss 100 steps earlier, μ, σ}. */
    private static double[] descend(double beta) {
        Pmpo pmpo = Pmpo.rejectOnly(beta);
        double learningRate = 0.05;
        int steps = 1000;
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, true);
            NDArray rejectedSamples = manager.create(new double[][] {{1.0}, {-0.5}}); // (2, 1)
            NDArray noAccepted = manager.create(NONE); // (0)

            double loss = Double.NaN;
            double earlierLoss = Double.NaN;
            for (int step = 0; step < steps; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    stepManager.tempAttachAll(rejectedSamples, noAccepted);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logProbs = policy.logProb(rejectedSamples); // (2)
                        NDArray kl =
                                GaussianPolicy.kl(reference.mean(), reference.logStd(), policy.mean(), policy.logStd());
                        ObjectiveResult result = pmpo.loss(noAccepted, logProbs, kl);
                        collector.backward(result.loss());
                        loss = result.lossValue();
                    }
                    // PyTorch accumulates gradients, so each one is zeroed after its step.
                    for (NDArray parameter : policy.parameters()) {
                        try (NDArray gradient = parameter.getGradient();
                                NDArray update = gradient.mul(learningRate)) {
                            parameter.subi(update);
                            gradient.subi(gradient);
                        }
                    }
                }
                if (step == steps - 101) {
                    earlierLoss = loss;
                }
            }
            return new double[] {loss, earlierLoss, policy.meanValues()[0], policy.stdValues()[0]};
        }
    }

    @Test
    void alphaOutsideRangeIsRejected() {
        for (double alpha : new double[] {1.5, -0.1, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Pmpo(alpha, 1));

            assertEquals(
                    "alpha must be in [0, 1], got " + alpha + "; use 1 for accept-only, 0 for reject-only or 0.5 for both",
                    error.getMessage());
        }
    }

    @Test
    void invalidBetaIsRejected() {
        for (double beta : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Pmpo(0.5, beta));

            assertEquals(
                    "beta must be finite and >= 0, got "
                            + beta
                            + "; use 0 to drop the divergence term, or a value above 1 - alpha to keep the loss bounded",
                    error.getMessage());
        }
    }

    @Test
    void emptyAcceptedIsRejectedWhenNeeded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(1)
                                    .loss(manager.create(NONE), manager.create(new double[] {-1}), manager.create(0.0)));

            assertEquals(
                    "acceptedLogProbs is empty, but alpha = 0.5 > 0 needs accepted samples;"
                            + " select at least one or use alpha = 0 (reject-only)",
                    error.getMessage());
        }
    }

    @Test
    void emptyRejectedIsRejectedWhenNeeded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Pmpo(0.9, 0)
                                    .loss(manager.create(new double[] {-1}), manager.create(NONE), null));

            assertEquals(
                    "rejectedLogProbs is empty, but alpha = 0.9 < 1 needs rejected samples;"
                            + " select at least one or use alpha = 1 (accept-only)",
                    error.getMessage());
        }
    }

    @Test
    void missingDivergenceIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.rejectOnly(1.5).loss(manager.create(NONE), manager.create(new double[] {-1}), null));

            assertEquals(
                    "divergence is null, but beta = 1.5 > 0 weighs it; pass D(pi_ref, pi_theta) or use beta = 0",
                    error.getMessage());
        }
    }

    @Test
    void matrixInsteadOfVectorIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptOnly(0)
                                    .loss(manager.create(new double[][] {{-1}, {-2}}), manager.create(NONE), null));

            assertEquals("acceptedLogProbs must be a vector of shape (N), got shape (2, 1)", error.getMessage());
        }
    }

    @Test
    void nonScalarDivergenceIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(1)
                                    .loss(
                                            manager.create(new double[] {-1}),
                                            manager.create(new double[] {-2}),
                                            manager.create(new double[] {0.1, 0.2})));

            assertEquals("divergence must be a scalar, got shape (2); reduce it with mean or sum", error.getMessage());
        }
    }

    @Test
    void nanLogProbIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray accepted = manager.create(new double[] {-1});
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(1)
                                    .loss(accepted, manager.create(new double[] {-2, Double.NaN}), manager.create(0.0)));

            assertEquals(
                    "rejectedLogProbs[1] is NaN; every input must be finite, so check the policy and the samples"
                            + " that produced it",
                    error.getMessage());
            // A failed call returns the inputs to their manager.
            assertSame(manager, accepted.getManager());
        }
    }

    @Test
    void infiniteDivergenceIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(1)
                                    .loss(
                                            manager.create(new double[] {-1}),
                                            manager.create(new double[] {-2}),
                                            manager.create(Double.POSITIVE_INFINITY)));

            assertEquals(
                    "divergence is Infinity; every input must be finite, so check the policy and the samples"
                            + " that produced it",
                    error.getMessage());
        }
    }

    @Test
    void integerLogProbsAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptOnly(0).loss(manager.create(new int[] {-1}), manager.create(NONE), null));

            assertEquals(
                    "acceptedLogProbs has type int32, but log-probabilities and divergences must be floating point;"
                            + " convert it with toType(DataType.FLOAT64, false)",
                    error.getMessage());
        }
    }

    @Test
    void contextWithoutAcceptedIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}, {-3, -4}}); // (2, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false}, {false, false}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, true}, {false, true}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0).loss(logProbs, acceptedMask, rejectedMask, null));

            assertEquals(
                    "context 1 has no accepted samples in its mask, but alpha > 0 needs them in every context;"
                            + " drop that context or use alpha = 0 (reject-only)",
                    error.getMessage());
        }
    }

    @Test
    void contextWithoutRejectedIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}}); // (1, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, false}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0).loss(logProbs, acceptedMask, rejectedMask, null));

            assertEquals(
                    "context 0 has no rejected samples in its mask, but alpha < 1 needs them in every context;"
                            + " drop that context or use alpha = 1 (accept-only)",
                    error.getMessage());
        }
    }

    @Test
    void overlappingMasksAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2, -3}}); // (1, 3)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false, true}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, true, true}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0).loss(logProbs, acceptedMask, rejectedMask, null));

            assertEquals(
                    "acceptedMask and rejectedMask are both set at [0, 2]; a sample can be accepted or rejected, not both",
                    error.getMessage());
        }
    }

    @Test
    void fractionalMaskIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}, {-3, -4}}); // (2, 2)
            NDArray acceptedMask = manager.create(new float[][] {{1, 0}, {0.5f, 0}});
            NDArray rejectedMask = manager.create(new float[][] {{0, 1}, {0, 1}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0).loss(logProbs, acceptedMask, rejectedMask, null));

            assertEquals(
                    "acceptedMask[1, 0] is 0.5; a mask entry must be 0 or 1, or use a boolean mask", error.getMessage());
            // The float32 masks were converted to float64 for the check, and no copy is left behind.
            assertEquals(3, manager.getManagedArrays().size());
        }
    }

    @Test
    void maskShapeMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}}); // (1, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false, false}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, true}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0).loss(logProbs, acceptedMask, rejectedMask, null));

            assertEquals(
                    "acceptedMask has shape (1, 3) but logProbs has shape (1, 2); pass one entry per sample in both",
                    error.getMessage());
        }
    }

    @Test
    void contextCountMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray accepted = manager.create(new double[][] {{-1}, {-2}}); // (2, 1)
            NDArray rejected = manager.create(new double[][] {{-3}}); // (1, 1)

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0)
                                    .loss(
                                            accepted,
                                            manager.create(new boolean[][] {{true}, {true}}),
                                            rejected,
                                            manager.create(new boolean[][] {{true}}),
                                            null));

            assertEquals(
                    "acceptedLogProbs has 2 contexts (rows) but rejectedLogProbs has 1; pass one row per context in both",
                    error.getMessage());
        }
    }

    @Test
    void divergencePerContextShapeIsChecked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}, {-3, -4}}); // (2, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false}, {true, false}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, true}, {false, true}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(1)
                                    .loss(logProbs, acceptedMask, rejectedMask, manager.create(new double[] {1, 2, 3})));

            assertEquals(
                    "divergence must have shape (2), one value per context, got shape (3)", error.getMessage());
        }
    }

    @Test
    void nanInsideMaskIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logProbs = manager.create(new double[][] {{-1, -2}, {Double.NaN, -4}}); // (2, 2)
            NDArray acceptedMask = manager.create(new boolean[][] {{true, false}, {true, false}});
            NDArray rejectedMask = manager.create(new boolean[][] {{false, true}, {false, true}});

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Pmpo.acceptReject(0).loss(logProbs, acceptedMask, rejectedMask, null));

            assertEquals(
                    "logProbs[1, 0] is NaN; every input must be finite, so check the policy and the samples"
                            + " that produced it",
                    error.getMessage());
        }
    }
}
