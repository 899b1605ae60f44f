package org.pmpo4j.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import java.util.function.Supplier;

/** Gradient helpers for finite-difference checks in double precision. */
public final class NumericalGradient {

    private NumericalGradient() {}

    /**
     * Estimates ∂f/∂x_i by central differences (f(x + h e_i) − f(x − h e_i)) / 2h. The truncation error
     * is O(h²)·f''' and the rounding error about ε_double·|f|/h, so h = 1e-5 keeps both near 1e-10 for
     * the smooth, order-one functions under test.
     */
    public static double[] centralDifference(Function<double[], Double> f, double[] x, double h) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (f.apply(plus) - f.apply(minus)) / (2.0 * h);
        }
        return gradient;
    }

    /**
     * Runs {@code loss} inside a gradient collector, back-propagates the scalar it returns and copies
     * the gradient of each parameter to the host, in the order of {@code parameters}.
     */
    public static double[][] autograd(NDList parameters, Supplier<NDArray> loss) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.get());
        }
        double[][] gradients = new double[parameters.size()][];
        for (int p = 0; p < parameters.size(); p++) {
            gradients[p] = parameters.get(p).getGradient().toDoubleArray();
        }
        return gradients;
    }
}
