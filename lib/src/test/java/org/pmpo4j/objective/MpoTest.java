package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.pmpo4j.policy.GaussianPolicy;
import org.pmpo4j.testing.NumericalGradient;

class MpoTest {

    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    @Test
    void defaultsStartAtConfiguredDuals() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            Mpo.Config config = mpo.config();

            assertEquals(0.1, config.epsilon(), 0.0);
            assertEquals(0.0025, config.epsilonMean(), 0.0);
            assertEquals(1e-6, config.epsilonStd(), 0.0);
            assertEquals(10.0, mpo.temperature(), 1e-12);
            assertEquals(10.0, mpo.alphaMean(), 1e-12);
            assertEquals(1000.0, mpo.alphaStd(), 1e-9);
        }
    }

    @Test
    void dualParametersAreNamedScalars() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            NDList parameters = mpo.dualParameters();

            assertArrayEquals(
                    new String[] {"temperature", "alpha_mean", "alpha_std"},
                    parameters.stream().map(NDArray::getName).toArray(String[]::new));
            for (NDArray parameter : parameters) {
                assertEquals(0, parameter.getShape().dimension());
                assertTrue(parameter.hasGradient());
            }
        }
    }

    @Test
    void closeFreesDualParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Mpo mpo = new Mpo(manager, Mpo.Config.defaults());
            NDArray temperature = mpo.dualParameters().get(0);

            mpo.close();

            assertTrue(temperature.isReleased());
        }
    }

    @Test
    void equalScoresGiveUniformWeights() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            // softmax of equal values is uniform: w_j = 1/N for N = 4.
            assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, mpo.weights(new double[] {2, 2, 2, 2}), 1e-15);
        }
    }

    @Test
    void weightsFollowTemperedSoftmax() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, new Mpo.Config(0.1, 0.01, 0.01, 2.0, 1, 1))) {
            // With η = 2 the scores 0 and 2 ln 3 temper to 0 and ln 3, so w ∝ (1, 3).
            assertArrayEquals(new double[] {0.25, 0.75}, mpo.weights(new double[] {0, 2 * Math.log(3)}), 1e-12);
            // Scores far beyond exp's range still give finite weights.
            assertArrayEquals(new double[] {1, 0}, mpo.weights(new double[] {1e6, 0}), 0.0);
        }
    }

    /**
     * π_θ = π_ref = N(0, 1), samples a = (−1, 0, 1, 2) with equal scores s = 2, and the default config.
     *
     * <p>The weights are 1/4, so each decoupled policy loss is −mean_j log N(a_j; 0, 1) = ½·mean_j a_j² +
     * ½ log 2π = 0.75 + ½ log 2π. Both KLs are 0. The duals are α_μ·ε_μ = 10·0.0025 = 0.025 and
     * α_Σ·ε_Σ = 1000·1e-6 = 0.001. The temperature dual is η·(ε + logsumexp(s/η) − log N) = η·(ε + s/η +
     * log N − log N) = η·ε + s = 10·0.1 + 2 = 3.
     */
    @Test
    void lossAtReferenceOnEqualScores() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, true);
            NDArray samples = manager.create(new double[][] {{-1}, {0}, {1}, {2}}); // (4, 1)

            ObjectiveResult result = mpo.loss(reference, policy, samples, new double[] {2, 2, 2, 2});

            double policyLoss = 0.75 + 0.5 * LOG_TWO_PI;
            assertEquals(policyLoss, result.statistic("loss/policy_mean"), 1e-12);
            assertEquals(policyLoss, result.statistic("loss/policy_std"), 1e-12);
            assertEquals(0.0, result.statistic("kl/mean"), 0.0);
            assertEquals(0.0, result.statistic("kl/std"), 0.0);
            assertEquals(0.0, result.statistic("loss/kl_mean"), 0.0);
            assertEquals(0.0, result.statistic("loss/kl_std"), 0.0);
            assertEquals(0.025, result.statistic("loss/alpha_mean"), 1e-12);
            assertEquals(0.001, result.statistic("loss/alpha_std"), 1e-12);
            assertEquals(3.0, result.statistic("loss/temperature"), 1e-12);
            assertEquals(0.0, result.statistic("kl/nonparametric"), 1e-15);
            assertEquals(10.0, result.statistic("dual/temperature"), 1e-12);
            assertEquals(2.0, result.statistic("score/mean"), 0.0);
            assertEquals(2 * policyLoss + 0.025 + 0.001 + 3, result.lossValue(), 1e-12);
            assertEquals(result.lossValue(), result.statistic("loss/mpo"), 0.0);
        }
    }

    @Test
    void statisticsSumToLoss() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, new Mpo.Config(0.2, 0.05, 0.02, 1.5, 2, 3))) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0.5, -1}, new double[] {1, 2}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0.7, -0.8}, new double[] {1.3, 1.6}, true);
            NDArray samples = manager.create(new double[][] {{0.1, -2}, {1.5, 0.3}, {-0.4, -1.1}}); // (3, 2)

            ObjectiveResult result = mpo.loss(reference, policy, samples, new double[] {-1, 0.5, 2});

            double sum = 0;
            for (String term :
                    new String[] {
                        "loss/policy_mean",
                        "loss/policy_std",
                        "loss/kl_mean",
                        "loss/kl_std",
                        "loss/alpha_mean",
                        "loss/alpha_std",
                        "loss/temperature"
                    }) {
                sum += result.statistic(term);
            }
            assertEquals(result.lossValue(), sum, 1e-12);
            // The KL of the decoupled policies to π_ref, from the closed form of GaussianPolicy.
            assertEquals(
                    0.5 * (0.2 * 0.2 / 1.0 + 0.2 * 0.2 / 4.0), result.statistic("kl/mean"), 1e-12);
            assertTrue(result.statistic("kl/nonparametric") > 0);
        }
    }

    /**
     * The policy parameters get the gradient of −Σ w log π_μ − Σ w log π_Σ + α_μ·KL_μ + α_Σ·KL_Σ with the
     * weights and α's held fixed, which is the sum of those four statistics.
     */
    @Test
    void policyGradientMatchesFiniteDifferences() {
        double[] referenceMean = {0.5, -1};
        double[] referenceStd = {1, 2};
        double[] samples = {0.1, -2, 1.5, 0.3, -0.4, -1.1};
        double[] scores = {-1, 0.5, 2};
        double[] mean = {0.7, -0.8};
        double[] logStd = {Math.log(1.3), Math.log(1.6)};
        Mpo.Config config = new Mpo.Config(0.2, 0.05, 0.02, 1.5, 2, 3);
        String[] policyTerms = {"loss/policy_mean", "loss/policy_std", "loss/kl_mean", "loss/kl_std"};

        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, config)) {
            ToDoubleFunction<double[][]> policyLoss =
                    parameters -> {
                        try (NDManager scope = manager.newSubManager()) {
                            GaussianPolicy reference = GaussianPolicy.create(scope, referenceMean, referenceStd, false);
                            GaussianPolicy policy = GaussianPolicy.create(scope, parameters[0], exp(parameters[1]), false);
                            ObjectiveResult result =
                                    mpo.loss(reference, policy, scope.create(samples).reshape(3, 2), scores);
                            double sum = 0;
                            for (String term : policyTerms) {
                                sum += result.statistic(term);
                            }
                            return sum;
                        }
                    };

            double[][] autograd;
            try (NDManager scope = manager.newSubManager()) {
                GaussianPolicy reference = GaussianPolicy.create(scope, referenceMean, referenceStd, false);
                GaussianPolicy policy = GaussianPolicy.create(scope, mean, exp(logStd), true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(mpo.loss(reference, policy, scope.create(samples).reshape(3, 2), scores).loss());
                }
                autograd = new double[][] {
                    policy.mean().getGradient().toDoubleArray(), policy.logStd().getGradient().toDoubleArray()
                };
            }

            double[] numericMean =
                    NumericalGradient.centralDifference(
                            x -> policyLoss.applyAsDouble(new double[][] {x, logStd}), mean, 1e-5);
            double[] numericLogStd =
                    NumericalGradient.centralDifference(
                            x -> policyLoss.applyAsDouble(new double[][] {mean, x}), logStd, 1e-5);
            assertArrayEquals(numericMean, autograd[0], 1e-8);
            assertArrayEquals(numericLogStd, autograd[1], 1e-8);
        }
    }

    /**
     * The dual parameters get the gradient of the three dual losses α_μ·(ε_μ − KL_μ), α_Σ·(ε_Σ − KL_Σ) and
     * L_η with the KLs held fixed. For θ_μ that is σ(θ_μ)·(ε_μ − KL_μ), because softplus' = σ.
     */
    @Test
    void dualGradientMatchesFiniteDifferences() {
        Mpo.Config config = new Mpo.Config(0.2, 0.05, 0.02, 1.5, 2, 3);
        String[] dualTerms = {"loss/alpha_mean", "loss/alpha_std", "loss/temperature"};
        double[] scores = {-1, 0.5, 2};

        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, config)) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0.5, -1}, new double[] {1, 2}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0.7, -0.8}, new double[] {1.3, 1.6}, true);
            NDArray samples = manager.create(new double[][] {{0.1, -2}, {1.5, 0.3}, {-0.4, -1.1}}); // (3, 2)

            ObjectiveResult atStart;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                atStart = mpo.loss(reference, policy, samples, scores);
                collector.backward(atStart.loss());
            }
            NDList parameters = mpo.dualParameters();
            double[] autograd = new double[3];
            for (int k = 0; k < 3; k++) {
                autograd[k] = parameters.get(k).getGradient().getDouble();
            }

            double step = 1e-5;
            for (int k = 0; k < 3; k++) {
                NDArray parameter = parameters.get(k);
                parameter.addi(step);
                double plus = sum(mpo.loss(reference, policy, samples, scores), dualTerms);
                parameter.subi(2 * step);
                double minus = sum(mpo.loss(reference, policy, samples, scores), dualTerms);
                parameter.addi(step);

                assertEquals((plus - minus) / (2 * step), autograd[k], 1e-8, "dual parameter " + k);
            }
            double thetaMean = StableMath.softplusInverse(2);
            double expected = (1 / (1 + Math.exp(-thetaMean))) * (0.05 - atStart.statistic("kl/mean"));
            assertEquals(expected, autograd[1], 1e-12);
        }
    }

    /**
     * A 1-D bandit: maximise −(a − 2)² starting from N(0, 1). Each iteration samples 64 actions from a
     * snapshot π_ref and takes 10 Adam steps on the policy and the duals. With ε_μ = 0.05 the mean may
     * move about √(2·0.05)·σ ≈ 0.3σ per iteration, so 40 iterations reach the optimum from 2σ away.
     */
    @Test
    void mpoImprovesBanditPolicy() {
        SplittableRandom random = new SplittableRandom(11);
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, new Mpo.Config(0.1, 0.05, 0.01, 1, 1, 1))) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build();
            double largestKlMean = 0;

            for (int iteration = 0; iteration < 40; iteration++) {
                try (NDManager scope = manager.newSubManager()) {
                    GaussianPolicy reference = policy.snapshot(scope);
                    double[][] actions = reference.sample(64, random);
                    double[] scores = new double[actions.length];
                    for (int j = 0; j < actions.length; j++) {
                        scores[j] = -(actions[j][0] - 2) * (actions[j][0] - 2);
                    }
                    NDArray samples = scope.create(actions); // (64, 1)

                    for (int step = 0; step < 10; step++) {
                        ObjectiveResult result;
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            result = mpo.loss(reference, policy, samples, scores);
                            collector.backward(result.loss());
                        }
                        NDList parameters = new NDList(policy.parameters()).addAll(mpo.dualParameters());
                        for (NDArray parameter : parameters) {
                            try (NDArray gradient = parameter.getGradient()) {
                                adam.update(parameter.getName(), parameter, gradient);
                                gradient.subi(gradient);
                            }
                        }
                        result.loss().close();
                    }
                    double klMean =
                            GaussianPolicy.kl(reference.mean(), reference.logStd(), policy.mean(), reference.logStd())
                                    .getDouble();
                    largestKlMean = Math.max(largestKlMean, klMean);
                }
            }

            // Seed 11 ends near μ = 2.03, σ = 0.05, with the largest KL_μ near 0.11 in the first iterations.
            assertEquals(2.0, policy.meanValues()[0], 0.1, "final mean");
            assertTrue(policy.stdValues()[0] < 0.5, "final std was " + policy.stdValues()[0]);
            assertNotEquals(1.0, mpo.alphaMean(), 1e-3, "alpha_mean adapts");
            assertTrue(largestKlMean < 4 * 0.05, "largest KL_mean per iteration was " + largestKlMean);
        }
    }

    @Test
    void invalidConfigIsRejected() {
        IllegalArgumentException epsilon =
                assertThrows(IllegalArgumentException.class, () -> new Mpo.Config(0, 0.01, 0.01, 1, 1, 1));
        IllegalArgumentException epsilonStd =
                assertThrows(IllegalArgumentException.class, () -> new Mpo.Config(0.1, 0.01, Double.NaN, 1, 1, 1));
        IllegalArgumentException temperature =
                assertThrows(IllegalArgumentException.class, () -> new Mpo.Config(0.1, 0.01, 0.01, 1e-9, 1, 1));
        IllegalArgumentException alphaStd =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Mpo.Config(0.1, 0.01, 0.01, 1, 1, Double.POSITIVE_INFINITY));

        assertEquals("epsilon must be finite and > 0.0, got 0.0; 0.1 is a common value", epsilon.getMessage());
        assertEquals("epsilonStd must be finite and > 0.0, got NaN; 1e-6 is a common value", epsilonStd.getMessage());
        assertEquals(
                "initTemperature must be finite and > 1.0E-8, got 1.0E-9; the temperature floor is 1e-8, and 10 is a"
                        + " common start",
                temperature.getMessage());
        assertEquals(
                "initAlphaStd must be finite and > 0.0, got Infinity; 1000 is a common start", alphaStd.getMessage());
    }

    @Test
    void nanScoreIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, true);
            NDArray samples = manager.create(new double[][] {{0}, {1}}); // (2, 1)

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> mpo.loss(policy, policy, samples, new double[] {1, Double.NaN}));

            assertEquals("scores[1] is NaN; every score must be finite, so fix or drop that sample", error.getMessage());
        }
    }

    @Test
    void emptyScoresAreRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> mpo.weights(new double[0]));

            assertEquals("scores is empty; pass one score per sample", error.getMessage());
        }
    }

    @Test
    void sampleShapeMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0, 0}, new double[] {1, 1}, true);
            NDArray samples = manager.create(new double[][] {{0}, {1}, {2}}); // (3, 1)

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class, () -> mpo.loss(policy, policy, samples, new double[] {1, 2, 3}));

            assertEquals(
                    "samples must have shape (3, 2) (one row per score, one column per action dimension), got (3, 1)",
                    error.getMessage());
        }
    }

    @Test
    void dimensionMismatchIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0, 0}, new double[] {1, 1}, true);
            NDArray samples = manager.create(new double[][] {{0, 0}}); // (1, 2)

            IllegalArgumentException error =
                    assertThrows(
                            IllegalArgumentException.class, () -> mpo.loss(reference, policy, samples, new double[] {1}));

            assertEquals(
                    "reference has dimension 1 but policy has dimension 2; both policies must act in the same space",
                    error.getMessage());
        }
    }

    @Test
    void nanSampleIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                Mpo mpo = new Mpo(manager, Mpo.Config.defaults())) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, true);
            NDArray samples = manager.create(new double[][] {{0}, {Double.NaN}}); // (2, 1)

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> mpo.loss(policy, policy, samples, new double[] {1, 2}));

            assertEquals(
                    "samples[1, 0] is NaN; every input must be finite, so check the policy and the samples that produced it",
                    error.getMessage());
        }
    }

    private static double sum(ObjectiveResult result, String[] terms) {
        double total = 0;
        for (String term : terms) {
            total += result.statistic(term);
        }
        result.loss().close();
        return total;
    }

    private static double[] exp(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.exp(values[i]);
        }
        return result;
    }
}
