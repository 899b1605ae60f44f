package org.pmpo4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.pmpo4j.testing.NumericalGradient;

class GaussianPolicyTest {

    private static final double H = 1e-5;

    @Test
    void createStoresMeanAndStd() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {1, -2}, new double[] {0.5, 3}, false);

            assertEquals(2, policy.dimension());
            assertArrayEquals(new double[] {1, -2}, policy.meanValues(), 0.0);
            assertArrayEquals(new double[] {0.5, 3}, policy.stdValues(), 1e-15);
            assertArrayEquals(new double[] {StrictMath.log(0.5), StrictMath.log(3)}, policy.logStd().toDoubleArray(), 0.0);
            assertEquals(DataType.FLOAT64, policy.mean().getDataType());
            assertEquals(new Shape(2), policy.logStd().getShape());
        }
    }

    @Test
    void parametersAreMeanThenLogStd() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, true);
            NDList parameters = policy.parameters();

            assertEquals(2, parameters.size());
            assertSame(policy.mean(), parameters.get(0));
            assertSame(policy.logStd(), parameters.get(1));
            assertTrue(policy.mean().hasGradient());
            assertTrue(policy.logStd().hasGradient());
        }
    }

    @Test
    void gradientStepUpdatesParametersInPlace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {1.0}, new double[] {1.0}, false);
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0.0}, new double[] {1.0}, true);
            NDArray origin = manager.create(new double[][] {{0.0}}); // (1, 1)

            // KL(N(1,1)‖N(μ,1)) = ½(μ − 1)², so at μ = 0 the gradient in μ is −1 and a step of 0.5 gives μ = 0.5.
            double[][] gradients = NumericalGradient.autograd(policy.parameters(),
                    () -> GaussianPolicy.kl(reference.mean(), reference.logStd(), policy.mean(), policy.logStd()));
            policy.mean().subi(policy.mean().getGradient().mul(0.5));

            assertArrayEquals(new double[] {-1.0}, gradients[0], 1e-15);
            assertArrayEquals(new double[] {0.5}, policy.meanValues(), 1e-15);
            // log N(0; 0.5, 1) = −½(0.25 + log 2π) reads the updated mean.
            assertEquals(-0.5 * (0.25 + Math.log(2 * Math.PI)), policy.logProb(origin).getDouble(0), 1e-15);
        }
    }

    @Test
    void frozenPolicyHasNoGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);

            assertFalse(policy.mean().hasGradient());
            assertFalse(policy.logStd().hasGradient());
        }
    }

    @Test
    void snapshotIsFrozenIndependentCopy() {
        try (NDManager manager = NDManager.newBaseManager();
                NDManager snapshotManager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {1, 2}, new double[] {0.5, 4}, true);
            GaussianPolicy snapshot = policy.snapshot(snapshotManager);

            assertArrayEquals(policy.meanValues(), snapshot.meanValues(), 0.0);
            assertArrayEquals(policy.logStd().toDoubleArray(), snapshot.logStd().toDoubleArray(), 0.0);
            assertFalse(snapshot.mean().hasGradient());
            assertFalse(snapshot.logStd().hasGradient());
            assertSame(snapshotManager, snapshot.mean().getManager());

            // An in-place update of a frozen original must leave the copy unchanged.
            GaussianPolicy frozen = GaussianPolicy.create(manager, new double[] {1}, new double[] {1}, false);
            GaussianPolicy copy = frozen.snapshot(snapshotManager);
            frozen.mean().addi(5.0);
            assertArrayEquals(new double[] {6}, frozen.meanValues(), 0.0);
            assertArrayEquals(new double[] {1}, copy.meanValues(), 0.0);
        }
    }

    @Test
    void sampleIsDeterministicForSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {1, -1}, new double[] {2, 0.5}, false);

            double[][] first = policy.sample(5, new SplittableRandom(42));
            double[][] second = policy.sample(5, new SplittableRandom(42));

            assertEquals(5, first.length);
            assertEquals(2, first[0].length);
            assertTrue(Arrays.deepEquals(first, second));

            // Row 0 consumes the first two standard normals: a_00 = 1 + 2·z_0, a_01 = −1 + 0.5·z_1.
            SplittableRandom rng = new SplittableRandom(42);
            double z0 = StandardNormal.next(rng);
            double z1 = StandardNormal.next(rng);
            assertEquals(1 + 2 * z0, first[0][0], 0.0);
            assertEquals(-1 + 0.5 * z1, first[0][1], 0.0);
        }
    }

    @Test
    void sampleMomentsMatchParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {3}, new double[] {2}, false);
            int n = 100_000;
            double[][] samples = policy.sample(n, new SplittableRandom(7));

            double sum = 0;
            double sumSquares = 0;
            for (double[] row : samples) {
                sum += row[0];
                sumSquares += row[0] * row[0];
            }
            double mean = sum / n;
            double std = Math.sqrt(sumSquares / n - mean * mean);

            // Standard error of the mean is σ/√n = 2/316 ≈ 0.0063, so 0.03 is about 5 standard errors.
            // Standard error of the std is about σ/√(2n) ≈ 0.0045, so 0.025 is about 5 standard errors.
            assertEquals(3.0, mean, 0.03);
            assertEquals(2.0, std, 0.025);
        }
    }

    @Test
    void logProbMatchesCommonsMathSum() {
        double[] mean = {0.5, -1.0};
        double[] std = {2.0, 0.3};
        double[][] actions = {{1.0, -1.2}, {0.0, 0.0}, {-3.0, 0.5}};
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, mean, std, false);
            double[] logProbs = policy.logProb(manager.create(actions)).toDoubleArray();

            assertEquals(3, logProbs.length);
            for (int i = 0; i < actions.length; i++) {
                // A diagonal Gaussian factorises, so its log-density is the sum of 1-D log-densities.
                double expected = 0;
                for (int d = 0; d < mean.length; d++) {
                    expected += new NormalDistribution(mean[d], std[d]).logDensity(actions[i][d]);
                }
                assertEquals(expected, logProbs[i], 1e-12);
            }
        }
    }

    @Test
    void logProbOfStandardNormalAtZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);
            double logProb = policy.logProb(manager.create(new double[][] {{0}})).getDouble(0);

            // log N(0; 0, 1) = −½ log 2π = −0.9189385332046727.
            assertEquals(-0.9189385332046727, logProb, 1e-15);
        }
    }

    @Test
    void logProbBroadcastsBatchedMeans() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mean = manager.create(new double[][] {{0}, {1}}); // (2, 1)
            NDArray logStd = manager.zeros(new Shape(2, 1), DataType.FLOAT64); // (2, 1)
            NDArray actions = manager.create(new double[][] {{1}, {1}}); // (2, 1)
            double[] logProbs = GaussianPolicy.logProb(mean, logStd, actions).toDoubleArray();

            // Row 0: −½(1 + log 2π) = −1.4189385332046727; row 1 sits at its mean: −½ log 2π.
            assertArrayEquals(new double[] {-1.4189385332046727, -0.9189385332046727}, logProbs, 1e-15);
        }
    }

    @Test
    void logProbGradientMatchesFiniteDifferences() {
        double[] mean = {0.3, -0.7};
        double[] logStd = {Math.log(1.5), Math.log(0.4)};
        double[][] actions = {{1.0, -0.5}, {-0.2, -1.1}, {0.6, 0.0}};
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, mean, exp(logStd), true);
            NDArray actionArray = manager.create(actions);
            double[][] gradients = NumericalGradient.autograd(
                    policy.parameters(), () -> policy.logProb(actionArray).sum());

            double[] meanGradient = NumericalGradient.centralDifference(
                    m -> sumLogProb(m, logStd, actions), mean, H);
            double[] logStdGradient = NumericalGradient.centralDifference(
                    s -> sumLogProb(mean, s, actions), logStd, H);
            assertArrayEquals(meanGradient, gradients[0], 1e-7);
            assertArrayEquals(logStdGradient, gradients[1], 1e-7);
        }
    }

    @Test
    void klOfPolicyWithItselfIsZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy p = GaussianPolicy.create(manager, new double[] {1, -3, 0.2}, new double[] {0.1, 2, 7}, false);

            double kl = GaussianPolicy.kl(p.mean(), p.logStd(), p.mean(), p.logStd()).getDouble();

            assertEquals(0.0, kl, 1e-15);
        }
    }

    @Test
    void klOfOneDimensionalPairByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy p = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);
            GaussianPolicy q = GaussianPolicy.create(manager, new double[] {1}, new double[] {2}, false);

            NDArray forward = GaussianPolicy.kl(p.mean(), p.logStd(), q.mean(), q.logStd());
            NDArray reverse = GaussianPolicy.kl(q.mean(), q.logStd(), p.mean(), p.logStd());

            // KL(N(0,1)‖N(1,4)) = log 2 − log 1 + (1 + 1²)/(2·4) − ½ = 0.6931471805599453 − 0.25.
            assertEquals(new Shape(), forward.getShape());
            assertEquals(Math.log(2) - 0.25, forward.getDouble(), 1e-15);
            // KL(N(1,4)‖N(0,1)) = log 1 − log 2 + (4 + 1²)/2 − ½ = 2 − log 2.
            assertEquals(2 - Math.log(2), reverse.getDouble(), 1e-15);
        }
    }

    @Test
    void klMatchesMonteCarloEstimate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy p = GaussianPolicy.create(manager, new double[] {0, 1}, new double[] {1, 0.5}, false);
            GaussianPolicy q = GaussianPolicy.create(manager, new double[] {0.5, 0.8}, new double[] {1.5, 0.7}, false);
            int n = 200_000;
            NDArray samples = manager.create(p.sample(n, new SplittableRandom(11))); // (N, D)

            double[] logRatio = p.logProb(samples).sub(q.logProb(samples)).toDoubleArray(); // (N)
            double mean = Arrays.stream(logRatio).average().orElseThrow();
            double variance = Arrays.stream(logRatio).map(r -> (r - mean) * (r - mean)).sum() / (n - 1);
            double standardError = Math.sqrt(variance / n);
            double closedForm = GaussianPolicy.kl(p.mean(), p.logStd(), q.mean(), q.logStd()).getDouble();

            // KL(P‖Q) = E_P[log p − log q], so the sample mean of the log-ratio estimates it with the
            // standard error s/√N. For these policies s ≈ 0.61, so the error is about 0.0014. A bound of
            // 5 standard errors fails a correct closed form with probability below 1e-6.
            assertTrue(standardError < 0.002, "standard error " + standardError);
            assertEquals(closedForm, mean, 5 * standardError);
        }
    }

    @Test
    void klGradientMatchesFiniteDifferences() {
        double[] meanP = {0.2, -1.0};
        double[] logStdP = {Math.log(0.8), Math.log(1.3)};
        double[] meanQ = {-0.4, 0.5};
        double[] logStdQ = {Math.log(1.7), Math.log(0.6)};
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy p = GaussianPolicy.create(manager, meanP, exp(logStdP), true);
            GaussianPolicy q = GaussianPolicy.create(manager, meanQ, exp(logStdQ), true);
            NDList parameters = new NDList(p.mean(), p.logStd(), q.mean(), q.logStd());
            double[][] gradients = NumericalGradient.autograd(
                    parameters, () -> GaussianPolicy.kl(p.mean(), p.logStd(), q.mean(), q.logStd()));

            double[][] expected = {
                NumericalGradient.centralDifference(x -> kl(x, logStdP, meanQ, logStdQ), meanP, H),
                NumericalGradient.centralDifference(x -> kl(meanP, x, meanQ, logStdQ), logStdP, H),
                NumericalGradient.centralDifference(x -> kl(meanP, logStdP, x, logStdQ), meanQ, H),
                NumericalGradient.centralDifference(x -> kl(meanP, logStdP, meanQ, x), logStdQ, H),
            };
            for (int k = 0; k < expected.length; k++) {
                assertArrayEquals(expected[k], gradients[k], 1e-7, "parameter " + k);
            }
        }
    }

    @Test
    void entropyOfUnitAndScaledGaussians() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray unit = manager.create(new double[] {0.0}); // (1)
            NDArray scaled = manager.create(new double[] {1.0, 0.0}); // (2), σ = (e, 1)

            // H(N(0,1)) = ½ log(2πe) = 1.4189385332046727; log σ = 1 adds 1 nat.
            assertEquals(1.4189385332046727, GaussianPolicy.entropy(unit).getDouble(), 1e-15);
            assertEquals(1 + 2 * 1.4189385332046727, GaussianPolicy.entropy(scaled).getDouble(), 1e-14);
        }
    }

    @Test
    void createRejectsNonFiniteMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.create(manager, new double[] {0, Double.NaN}, new double[] {1, 1}, false));

            assertEquals("mean[1] must be finite, got NaN; pass a finite mean", error.getMessage());
        }
    }

    @Test
    void createRejectsNonPositiveStd() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.create(manager, new double[] {0}, new double[] {0.0}, false));
            IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.create(manager, new double[] {0}, new double[] {Double.POSITIVE_INFINITY}, false));

            assertEquals("std[0] must be finite and > 0, got 0.0; pass a positive standard deviation", zero.getMessage());
            assertEquals("std[0] must be finite and > 0, got Infinity; pass a positive standard deviation",
                    infinite.getMessage());
        }
    }

    @Test
    void createRejectsLengthMismatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.create(manager, new double[] {0, 0}, new double[] {1}, false));
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.create(manager, new double[0], new double[0], false));

            assertEquals("mean and std must have the same length D, got 2 and 1; "
                    + "pass one mean and one std per action dimension", mismatch.getMessage());
            assertEquals("mean must have length D >= 1, got 0; pass one value per action dimension", empty.getMessage());
        }
    }

    @Test
    void sampleRejectsNonPositiveCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0}, new double[] {1}, false);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> policy.sample(0, new SplittableRandom(1)));

            assertEquals("sample count n must be >= 1, got 0; request at least one action", error.getMessage());
        }
    }

    @Test
    void logProbRejectsWrongActionDimension() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {0, 0}, new double[] {1, 1}, false);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> policy.logProb(manager.create(new double[][] {{1, 2, 3}})));

            assertEquals("mean shape (2) does not broadcast against actions shape (1, 3); "
                    + "the last axis must be the event axis in both", error.getMessage());
        }
    }

    @Test
    void klRejectsDimensionMismatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray one = manager.create(new double[] {0});
            NDArray two = manager.create(new double[] {0, 0});

            IllegalArgumentException sameShape = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.kl(one, two, one, one));
            IllegalArgumentException broadcast = assertThrows(IllegalArgumentException.class,
                    () -> GaussianPolicy.kl(one, one, two, two));

            assertEquals("meanP and logStdP must have the same shape, got (1) and (2); "
                    + "pass one value per event dimension", sameShape.getMessage());
            assertEquals("meanP shape (1) does not broadcast against meanQ shape (2); "
                    + "the last axis must be the event axis in both", broadcast.getMessage());
        }
    }

    private static double sumLogProb(double[] mean, double[] logStd, double[][] actions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return GaussianPolicy.logProb(manager.create(mean), manager.create(logStd), manager.create(actions))
                    .sum()
                    .getDouble();
        }
    }

    private static double kl(double[] meanP, double[] logStdP, double[] meanQ, double[] logStdQ) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return GaussianPolicy.kl(manager.create(meanP), manager.create(logStdP), manager.create(meanQ),
                    manager.create(logStdQ)).getDouble();
        }
    }

    private static double[] exp(double[] values) {
        return Arrays.stream(values).map(Math::exp).toArray();
    }
}
