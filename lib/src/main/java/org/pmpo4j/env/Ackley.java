package org.pmpo4j.env;

/**
 * Ackley function with the usual constants a = 20, b = 0.2, c = 2π:
 * f(x) = −a exp(−b √(Σ_i x_i² / d)) − exp(Σ_i cos(c x_i) / d) + a + e. It is nearly flat far from
 * the origin and has a narrow funnel at it. Domain [−32.768, 32.768]^d, global minimum
 * f(0, …, 0) = 0. The computed value there is 0 only up to rounding, within 1e-15.
 */
public record Ackley() implements BenchmarkFunction {

    private static final double A = 20.0;
    private static final double B = 0.2;
    private static final double C = 2.0 * Math.PI;

    @Override
    public String name() {
        return "ackley";
    }

    @Override
    public double value(double[] x) {
        Points.requireValid(this, x);
        double sumSquares = 0;
        double sumCosines = 0;
        for (double xi : x) {
            sumSquares += xi * xi;
            sumCosines += StrictMath.cos(C * xi);
        }
        double radiusTerm = -A * StrictMath.exp(-B * StrictMath.sqrt(sumSquares / x.length));
        double cosineTerm = -StrictMath.exp(sumCosines / x.length);
        return radiusTerm + cosineTerm + A + Math.E;
    }

    @Override
    public double lowerBound() {
        return -32.768;
    }

    @Override
    public double upperBound() {
        return 32.768;
    }

    @Override
    public double[] optimum(int dimension) {
        return Points.constant(this, dimension, 0.0);
    }

    @Override
    public double optimalValue(int dimension) {
        Points.requireDimension(this, dimension);
        return 0.0;
    }
}
