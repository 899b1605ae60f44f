package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class LossScopeTest {

    @Test
    void scopeFreesIntermediatesOnly() {
        try (NDManager owner = NDManager.newBaseManager();
                NDManager other = NDManager.newBaseManager()) {
            NDArray x = owner.create(new double[] {1, 2, 3});
            NDArray y = other.create(new double[] {4, 5, 6});
            NDArray intermediate;
            NDArray result;

            try (LossScope scope = new LossScope(x, y)) {
                intermediate = x.mul(y); // (3)
                result = scope.keep(intermediate.sum()); // ()
            }

            assertSame(owner, x.getManager());
            assertSame(other, y.getManager());
            assertSame(owner, result.getManager());
            assertEquals(2, owner.getManagedArrays().size());
            assertEquals(1, other.getManagedArrays().size());
            assertFalse(x.isReleased());
            assertEquals(32.0, result.getDouble(), 0.0);
            assertTrue(intermediate.isReleased());
        }
    }

    @Test
    void repeatedInputSurvivesScope() {
        try (NDManager owner = NDManager.newBaseManager()) {
            NDArray x = owner.create(new double[] {2});

            try (LossScope scope = new LossScope(x, x, null)) {
                scope.keep(x.add(x));
            }

            // Attaching x twice would record the scope as its home and free it on close.
            assertFalse(x.isReleased());
            assertSame(owner, x.getManager());
        }
    }

    @Test
    void backwardWorksAfterScopeCloses() {
        try (NDManager owner = NDManager.newBaseManager()) {
            NDArray x = owner.create(new double[] {1, -2});
            x.setRequiresGradient(true);

            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss;
                try (LossScope scope = new LossScope(x)) {
                    loss = scope.keep(x.square().exp().sum()); // ()
                }
                collector.backward(loss);
            }

            // d/dx Σ exp(x²) = 2x·exp(x²): 2e at x = 1 and −4e⁴ at x = −2.
            assertArrayEquals(
                    new double[] {2 * Math.E, -4 * Math.exp(4)}, x.getGradient().toDoubleArray(), 1e-12);
        }
    }
}
