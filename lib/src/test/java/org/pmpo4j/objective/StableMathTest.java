package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.pmpo4j.testing.NumericalGradient;

class StableMathTest {

    @Test
    void softplusMatchesDefinition() {
        double[] x = {-3, -0.5, 0, 0.5, 3};
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] actual = StableMath.softplus(manager.create(x)).toDoubleArray();

            for (int i = 0; i < x.length; i++) {
                assertEquals(Math.log1p(Math.exp(x[i])), actual[i], 1e-15, "softplus(" + x[i] + ")");
            }
        }
    }

    @Test
    void softplusStaysFiniteAtExtremes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] actual = StableMath.softplus(manager.create(new double[] {-1000, 1000, 40})).toDoubleArray();

            // log(1 + e^-1000) underflows to 0; log(1 + e^1000) = 1000 + log(1 + e^-1000) = 1000.
            assertEquals(0.0, actual[0], 0.0);
            assertEquals(1000.0, actual[1], 0.0);
            // log(1 + e^40) = 40 + log(1 + e^-40) = 40 + 4.2e-18, which rounds to 40.
            assertEquals(40.0, actual[2], 0.0);
        }
    }

    @Test
    void logSigmoidAtZeroIsMinusLn2() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray result = StableMath.logSigmoid(manager.create(0.0));

            // σ(0) = 1/2, so log σ(0) = −ln 2.
            assertEquals(-Math.log(2), result.getDouble(), 1e-15);
            assertEquals(new Shape(), result.getShape());
        }
    }

    @Test
    void logSigmoidStaysFiniteAtExtremes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] actual =
                    StableMath.logSigmoid(manager.create(new double[] {-800, 800, -30, 30})).toDoubleArray();

            // log σ(−800) = −800 − log(1 + e^−800) = −800, where log(1 / (1 + e^800)) would give −inf.
            assertEquals(-800.0, actual[0], 0.0);
            // log σ(800) = −log(1 + e^−800) = 0 after underflow.
            assertEquals(0.0, actual[1], 0.0);
            // log σ(−30) = −30 − log(1 + e^−30) = −30 − 9.36e−14.
            assertEquals(-30 - Math.exp(-30), actual[2], 1e-15);
            // log σ(30) = −log(1 + e^−30) = −9.36e−14. Without log1p the absolute error is about one
            // rounding of 1 + e^−30, below 2.3e−16, but the relative error of such a small value is not small.
            assertEquals(-Math.log1p(Math.exp(-30)), actual[3], 2.3e-16);
        }
    }

    @Test
    void logSigmoidGradientIsSigmoidOfMinusX() {
        // d/dx log σ(x) = 1 − σ(x) = σ(−x), which is 1/2 at x = 0, where abs() would have a kink.
        GradientCheck.assertGradientsMatch(
                inputs -> StableMath.logSigmoid(inputs[0]).sum(), 1e-9, new double[] {-4, -1, 0, 0.3, 5});
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray zero = manager.create(new double[] {0.0});
            zero.setRequiresGradient(true);
            double[][] gradient =
                    NumericalGradient.autograd(new NDList(zero), () -> StableMath.logSigmoid(zero).sum());
            assertEquals(0.5, gradient[0][0], 0.0);
        }
    }

    @Test
    void softplusGradientIsSigmoid() {
        GradientCheck.assertGradientsMatch(
                inputs -> StableMath.softplus(inputs[0]).sum(), 1e-9, new double[] {-6, -0.2, 0, 0.7, 8});
    }

    @Test
    void logSumExpOfLargeEqualValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray result = StableMath.logSumExp(manager.create(new double[] {1000, 1000}));

            // log(e^1000 + e^1000) = 1000 + ln 2, although e^1000 overflows a double.
            assertEquals(1000 + Math.log(2), result.getDouble(), 1e-12);
        }
    }

    @Test
    void logSumExpAlongAxis() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[][] {{0, Math.log(3)}, {-1000, -1000}}); // (2, 2)

            NDArray rows = StableMath.logSumExp(x, 1, false); // (2)
            NDArray kept = StableMath.logSumExp(x, -1, true); // (2, 1)

            // Row 0: log(1 + 3) = ln 4. Row 1: −1000 + ln 2.
            assertArrayEquals(new double[] {Math.log(4), -1000 + Math.log(2)}, rows.toDoubleArray(), 1e-12);
            assertEquals(new Shape(2), rows.getShape());
            assertEquals(new Shape(2, 1), kept.getShape());
        }
    }

    @Test
    void logSumExpGradientIsSoftmax() {
        // d/dx_i logsumexp(x) = softmax(x)_i; the detached shift must not change it.
        GradientCheck.assertGradientsMatch(
                inputs -> StableMath.logSumExp(inputs[0]), 1e-9, new double[] {0.5, -1, 2, 2});
    }

    @Test
    void logSoftmaxOfExtremeValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] actual = StableMath.logSoftmax(manager.create(new double[] {0, -2000}), 0).toDoubleArray();

            // log softmax = x − logsumexp(x) = x − log(1 + e^−2000) = x.
            assertArrayEquals(new double[] {0, -2000}, actual, 1e-12);
        }
    }

    @Test
    void softmaxSumsToOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] actual = StableMath.softmax(manager.create(new double[] {1, 2, 3, 800}), 0).toDoubleArray();
            double[] expected = {
                Math.exp(1 - 800), Math.exp(2 - 800), Math.exp(3 - 800), 1 / (1 + 3 * Math.exp(-797))
            };

            assertArrayEquals(expected, actual, 1e-15);
        }
    }

    @Test
    void softmaxGradientMatches() {
        double[] direction = {0.3, -1.2, 2.0};
        GradientCheck.assertGradientsMatch(
                inputs -> StableMath.softmax(inputs[0], 0).mul(inputs[1]).sum(),
                1e-9,
                new double[] {0.1, 1.5, -0.4},
                direction);
    }

    @Test
    void emptyAxisIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray empty = manager.create(new Shape(2, 0), DataType.FLOAT64);

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> StableMath.logSumExp(empty, 1, false));

            assertEquals(
                    "cannot take logSumExp over axis 1 of shape (2, 0) because it has no elements",
                    error.getMessage());
        }
    }

    @Test
    void axisOutOfRangeIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray vector = manager.create(new double[] {1, 2});

            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> StableMath.logSumExp(vector, 1, false));

            assertEquals("axis 1 is out of range for an array of shape (2)", error.getMessage());
        }
    }

    @Test
    void scalarSoftplusRoundTrips() {
        for (double y : new double[] {1e-6, 0.5, 10, 1000}) {
            double x = StableMath.softplusInverse(y);

            assertEquals(y, StableMath.softplus(x), 1e-12 * Math.max(1, y), "softplus(softplusInverse(" + y + "))");
        }
        // softplus(0) = ln 2, and softplusInverse(1000) = 1000 + log(1 − e^−1000) = 1000.
        assertEquals(Math.log(2), StableMath.softplus(0.0), 0.0);
        assertEquals(1000.0, StableMath.softplusInverse(1000), 0.0);
    }

    @Test
    void softplusInverseRejectsNonPositive() {
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> StableMath.softplusInverse(0));
        IllegalArgumentException nan =
                assertThrows(IllegalArgumentException.class, () -> StableMath.softplusInverse(Double.NaN));

        assertEquals(
                "softplusInverse needs a positive finite value, got 0.0; softplus only takes values in (0, inf)",
                zero.getMessage());
        assertEquals(
                "softplusInverse needs a positive finite value, got NaN; softplus only takes values in (0, inf)",
                nan.getMessage());
    }
}
