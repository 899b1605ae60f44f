package org.pmpo4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmpo4j.testing.NumericalGradient;

class CategoricalPolicyTest {

    private static final double H = 1e-5;

    @Test
    void logProbsAreStableLogSoftmax() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Logits (1000, 1000 + log 3) overflow a plain exp, but softmax depends only on the gap log 3, so
            // the probabilities are (¼, ¾). Near 1000 doubles are spaced 2^-43 ≈ 1.1e-13 apart, so the
            // stored gap is log 3 only to about 1e-13, hence the 1e-12 tolerance.
            CategoricalPolicy policy = CategoricalPolicy.create(manager, new double[] {1000.0, 1000.0 + Math.log(3.0)},
                    false);

            assertEquals(2, policy.classCount());
            assertArrayEquals(new double[] {Math.log(0.25), Math.log(0.75)}, policy.logProbs().toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {0.25, 0.75}, policy.probabilities(), 1e-12);
        }
    }

    @Test
    void trainablePolicyHasGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CategoricalPolicy trainable = CategoricalPolicy.create(manager, new double[] {0.0, 1.0}, true);
            CategoricalPolicy frozen = CategoricalPolicy.create(manager, new double[] {0.0, 1.0}, false);

            assertTrue(trainable.logits().hasGradient());
            assertFalse(frozen.logits().hasGradient());
            assertSame(trainable.logits(), trainable.parameters().get(0));
        }
    }

    @Test
    void snapshotIsFrozenCopy() {
        try (NDManager manager = NDManager.newBaseManager();
                NDManager snapshotManager = NDManager.newBaseManager()) {
            CategoricalPolicy policy = CategoricalPolicy.create(manager, new double[] {0.5, -1.0, 2.0}, true);
            CategoricalPolicy snapshot = policy.snapshot(snapshotManager);

            assertArrayEquals(policy.logits().toDoubleArray(), snapshot.logits().toDoubleArray(), 0.0);
            assertFalse(snapshot.logits().hasGradient());
            assertSame(snapshotManager, snapshot.logits().getManager());
        }
    }

    @Test
    void sampleIsDeterministicForSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CategoricalPolicy policy = CategoricalPolicy.create(manager, new double[] {0.0, 1.0, -1.0}, false);

            int[] first = policy.sample(50, new SplittableRandom(4));
            int[] second = policy.sample(50, new SplittableRandom(4));

            assertArrayEquals(first, second);
            assertTrue(Arrays.stream(first).allMatch(v -> v >= 0));
            assertTrue(Arrays.stream(first).allMatch(v -> v < 3));
        }
    }

    @Test
    void sampleFrequenciesMatchProbabilities() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CategoricalPolicy policy = CategoricalPolicy.create(manager, new double[] {0.0, Math.log(3.0)}, false);
            int n = 100_000;

            int[] classes = policy.sample(n, new SplittableRandom(8));

            // The frequency of class 1 has mean ¾ and standard error √(¾·¼/n) ≈ 0.00137, so 0.007 is
            // about 5 standard errors.
            double frequency = Arrays.stream(classes).filter(v -> v == 1).count() / (double) n;
            assertEquals(0.75, frequency, 0.007);
        }
    }

    @Test
    void klByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new double[] {Math.log(0.5), Math.log(0.5)});
            NDArray q = manager.create(new double[] {Math.log(0.9), Math.log(0.1)});

            NDArray value = CategoricalPolicy.kl(p, q);

            // KL(p‖q) = ½ log(0.5/0.9) + ½ log(0.5/0.1) = ½ log(25/9) = log(5/3).
            assertEquals(new Shape(), value.getShape());
            assertEquals(Math.log(5.0 / 3.0), value.getDouble(), 1e-15);
            assertEquals(0.0, CategoricalPolicy.kl(p, p).getDouble(), 0.0);
        }
    }

    @Test
    void klReducesRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new double[][] {{Math.log(0.5), Math.log(0.5)}, {0.0, Double.NEGATIVE_INFINITY}});
            NDArray q = manager.create(new double[][] {{Math.log(0.9), Math.log(0.1)}, {Math.log(0.5), Math.log(0.5)}});

            double[] values = CategoricalPolicy.kl(p, q).toDoubleArray(); // (2)

            // Row 1 has p = (1, 0): the empty class contributes 0, so KL = log(1/0.5) = log 2.
            assertArrayEquals(new double[] {Math.log(5.0 / 3.0), Math.log(2.0)}, values, 1e-15);
        }
    }

    @Test
    void klGradientMatchesFiniteDifferences() {
        double[] referenceLogits = {0.2, -0.3, 1.0};
        double[] policyLogits = {0.4, -1.0, 0.7};
        try (NDManager manager = NDManager.newBaseManager()) {
            CategoricalPolicy reference = CategoricalPolicy.create(manager, referenceLogits, false);
            CategoricalPolicy policy = CategoricalPolicy.create(manager, policyLogits, true);
            double[][] gradients = NumericalGradient.autograd(policy.parameters(),
                    () -> CategoricalPolicy.kl(reference.logProbs(), policy.logProbs()));

            double[] expected = NumericalGradient.centralDifference(z -> kl(referenceLogits, z), policyLogits, H);
            assertArrayEquals(expected, gradients[0], 1e-7);
        }
    }

    @Test
    void entropyByHand() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray uniform = manager.create(new double[] {Math.log(0.25), Math.log(0.25), Math.log(0.25), Math.log(0.25)});
            NDArray certain = manager.create(new double[] {0.0, Double.NEGATIVE_INFINITY});

            // The uniform distribution over 4 classes has entropy log 4, and a certain outcome has 0.
            assertEquals(Math.log(4.0), CategoricalPolicy.entropy(uniform).getDouble(), 1e-15);
            assertEquals(0.0, CategoricalPolicy.entropy(certain).getDouble(), 0.0);
        }
    }

    @Test
    void createRejectsInvalidLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> CategoricalPolicy.create(manager, new double[0], false));
            IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                    () -> CategoricalPolicy.create(manager, new double[] {0.0, Double.NEGATIVE_INFINITY}, false));

            assertEquals("logits must have length V >= 1; pass one logit per class", empty.getMessage());
            assertEquals("logits[1] must be finite, got -Infinity; pass a finite logit", infinite.getMessage());
        }
    }

    @Test
    void sampleRejectsNonPositiveCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CategoricalPolicy policy = CategoricalPolicy.create(manager, new double[] {0.0}, false);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> policy.sample(-3, new SplittableRandom(1)));

            assertEquals("sample count n must be >= 1, got -3; request at least one class", error.getMessage());
        }
    }

    @Test
    void klRejectsShapeMismatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CategoricalPolicy.kl(manager.create(new double[] {0.0}), manager.create(new double[] {0.0, 0.0})));

            assertEquals("logProbsP and logProbsQ must have the same shape, got (1) and (2); "
                    + "pass one value per event dimension", error.getMessage());
        }
    }

    private static double kl(double[] referenceLogits, double[] policyLogits) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return CategoricalPolicy.kl(manager.create(referenceLogits).logSoftmax(-1),
                    manager.create(policyLogits).logSoftmax(-1)).getDouble();
        }
    }
}
