package org.pmpo4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.pmpo4j.divergence.KlDivergence;
import org.pmpo4j.objective.Pmpo;
import org.pmpo4j.policy.GaussianPolicy;

class PmpoAdamRunTest {

    private static final double[][] ACCEPTED = {{1.0, -0.5}, {2.0, 0.5}, {4.0, 0.0}};
    private static final double[][] REJECTED = {{0.0, 3.0}, {-1.0, -3.0}};
    private static final double[] REFERENCE_MEAN = {0.5, 0.0};
    private static final double[] REFERENCE_STD = {1.0, 2.0};

    @Test
    void gradientsDoNotAccumulate() {
        double alpha = 0.6;
        double beta = 1.5;
        try (PmpoAdamRun run = new PmpoAdamRun(alpha, beta, ACCEPTED, REJECTED, REFERENCE_MEAN, REFERENCE_STD, 0.1)) {
            for (int step = 1; step <= 5; step++) {
                double[] mean = run.mean();
                double[] std = run.std();

                run.step();

                // Each step must use the gradient at its own parameters, not a sum over earlier steps.
                for (int d = 0; d < 2; d++) {
                    double[] expected = lossGradient(alpha, beta, d, mean[d], std[d]);
                    String label = "step " + step + ", dimension " + d;
                    assertEquals(expected[0], run.lastMeanGradient()[d], 1e-12, label);
                    assertEquals(expected[1], run.lastLogStdGradient()[d], 1e-12, label);
                }
            }
        }
    }

    @Test
    void lossIsNegatedObjective() {
        double alpha = 0.6;
        double beta = 1.5;
        try (PmpoAdamRun run = new PmpoAdamRun(alpha, beta, ACCEPTED, REJECTED, REFERENCE_MEAN, REFERENCE_STD, 0.1)) {
            run.step();
            run.step();
            double[] mean = run.mean();
            double[] std = run.std();

            // J sums over dimensions, and the loss is −J.
            double objective = 0.0;
            for (int d = 0; d < 2; d++) {
                objective += PmpoBoundednessTest.objective(alpha, beta, AnalysisInputs.column(ACCEPTED, d),
                        AnalysisInputs.column(REJECTED, d), REFERENCE_MEAN[d], REFERENCE_STD[d], mean[d], std[d]);
            }
            assertEquals(-objective, run.lossValue(), 1e-12);
        }
    }

    @Test
    void lossMatchesPmpoObjective() {
        double alpha = 0.3;
        double beta = 2.0;
        try (PmpoAdamRun run = new PmpoAdamRun(alpha, beta, ACCEPTED, REJECTED, REFERENCE_MEAN, REFERENCE_STD, 0.1);
                NDManager manager = NDManager.newBaseManager()) {
            run.step();
            GaussianPolicy policy = GaussianPolicy.create(manager, run.mean(), run.std(), false);
            GaussianPolicy reference = GaussianPolicy.create(manager, REFERENCE_MEAN, REFERENCE_STD, false);

            NDArray acceptedLogProbs = policy.logProb(manager.create(ACCEPTED)); // (N_a)
            NDArray rejectedLogProbs = policy.logProb(manager.create(REJECTED)); // (N_r)
            NDArray kl = KlDivergence.referencePolicy().gaussian(reference, policy); // ()
            double expected = new Pmpo(alpha, beta).loss(acceptedLogProbs, rejectedLogProbs, kl).lossValue();

            assertEquals(expected, run.lossValue(), 1e-12);
        }
    }

    @Test
    void policyStartsAtReference() {
        try (PmpoAdamRun run = new PmpoAdamRun(0.5, 1.0, ACCEPTED, REJECTED, REFERENCE_MEAN, REFERENCE_STD, 0.1)) {
            assertArrayEquals(REFERENCE_MEAN, run.mean(), 0.0);
            assertArrayEquals(REFERENCE_STD, run.std(), 1e-15);
        }
    }

    @Test
    void stepsLeakNoArrays() {
        try (PmpoAdamRun run = new PmpoAdamRun(0.5, 1.0, ACCEPTED, REJECTED, REFERENCE_MEAN, REFERENCE_STD, 0.1)) {
            run.step();
            run.lossValue();
            int afterFirstStep = run.managedArrayCount();

            for (int step = 0; step < 20; step++) {
                run.step();
                run.lossValue();
            }

            assertEquals(afterFirstStep, run.managedArrayCount());
        }
    }

    @Test
    void unweightedEmptySetIsSkipped() {
        // α = 0 drops D_a, so an empty (0, D) array is fine and the loss is that of D_r and the KL alone.
        double[][] none = new double[0][2];
        try (PmpoAdamRun run = new PmpoAdamRun(0.0, 2.0, none, REJECTED, REFERENCE_MEAN, REFERENCE_STD, 0.1)) {
            double expected = 0.0;
            for (int d = 0; d < 2; d++) {
                expected -= PmpoBoundednessTest.objective(0.0, 2.0, new double[0], AnalysisInputs.column(REJECTED, d),
                        REFERENCE_MEAN[d], REFERENCE_STD[d], REFERENCE_MEAN[d], REFERENCE_STD[d]);
            }
            assertEquals(expected, run.lossValue(), 1e-12);
        }
    }

    /**
     * Returns (∂L/∂μ, ∂L/∂log σ) for dimension d. From L = −J = c·log σ + Q(μ)/(2σ²) − K:
     * ∂L/∂μ = Q'(μ)/(2σ²) with Q'(μ) = 2cμ − 2(α·m_a − (1 − α)·m_r + β·μ_ref), and ∂L/∂log σ = c − Q(μ)/σ².
     */
    private static double[] lossGradient(double alpha, double beta, int d, double mean, double std) {
        double[] accepted = AnalysisInputs.column(ACCEPTED, d);
        double[] rejected = AnalysisInputs.column(REJECTED, d);
        double c = 2 * alpha - 1 + beta;
        double weightedMeans = alpha * average(accepted, 0.0, 1) - (1 - alpha) * average(rejected, 0.0, 1)
                + beta * REFERENCE_MEAN[d];
        double quadratic = alpha * average(accepted, mean, 2) - (1 - alpha) * average(rejected, mean, 2)
                + beta * (REFERENCE_STD[d] * REFERENCE_STD[d] + Math.pow(mean - REFERENCE_MEAN[d], 2));
        double variance = std * std;
        return new double[] {(c * mean - weightedMeans) / variance, c - quadratic / variance};
    }

    /** Returns mean_i (x_i − center)^power. */
    private static double average(double[] values, double center, int power) {
        double sum = 0.0;
        for (double value : values) {
            sum += Math.pow(value - center, power);
        }
        return sum / values.length;
    }
}
