package org.pmpo4j.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import org.pmpo4j.testing.NumericalGradient;

/**
 * Compares the autograd gradient of a scalar function of float64 arrays with central differences.
 */
final class GradientCheck {

    /** Central-difference step; with order-one values the error of both kinds stays near 1e-10. */
    private static final double STEP = 1e-5;

    private GradientCheck() {}

    /**
     * Asserts that the autograd gradient of {@code function} with respect to each input matches
     * central differences within {@code tolerance}, element by element.
     */
    static void assertGradientsMatch(Function<NDArray[], NDArray> function, double tolerance, double[]... inputs) {
        double[][] autograd;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] arrays = new NDArray[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                arrays[k] = manager.create(inputs[k]); // (N_k), float64
                arrays[k].setRequiresGradient(true);
            }
            autograd = NumericalGradient.autograd(new NDList(arrays), () -> function.apply(arrays));
        }

        for (int k = 0; k < inputs.length; k++) {
            int input = k;
            double[] numeric =
                    NumericalGradient.centralDifference(
                            x -> {
                                double[][] shifted = inputs.clone();
                                shifted[input] = x;
                                return value(function, shifted);
                            },
                            inputs[k],
                            STEP);
            assertArrayEquals(numeric, autograd[k], tolerance, "gradient with respect to input " + k);
        }
    }

    /** Evaluates {@code function} on fresh float64 arrays and returns its scalar value. */
    static double value(Function<NDArray[], NDArray> function, double[]... inputs) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] arrays = new NDArray[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                arrays[k] = manager.create(inputs[k]); // (N_k), float64
            }
            return Inputs.scalarValue(function.apply(arrays));
        }
    }
}
