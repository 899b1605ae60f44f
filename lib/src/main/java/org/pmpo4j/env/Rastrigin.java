package org.pmpo4j.env;

/**
 * Rastrigin function f(x) = 10·d + Σ_i [x_i² − 10 cos(2π x_i)], a sphere overlaid with a regular grid
 * of local minima near the integer points. Domain [−5.12, 5.12]^d, global minimum f(0, …, 0) = 0.
 */
public record Rastrigin() implements BenchmarkFunction {

    @Override
    public String name() {
        return "rastrigin";
    }

    @Override
    public double value(double[] x) {
        Points.requireValid(this, x);
        double sum = 10.0 * x.length;
        for (double xi : x) {
            sum += xi * xi - 10.0 * StrictMath.cos(2.0 * Math.PI * xi);
        }
        return sum;
    }

    @Override
    public double lowerBound() {
        return -5.12;
    }

    @Override
    public double upperBound() {
        return 5.12;
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
