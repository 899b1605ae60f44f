package org.pmpo4j.env;

/**
 * Sphere function f(x) = Σ_i x_i², convex and unimodal. Domain [−5.12, 5.12]^d, global minimum
 * f(0, …, 0) = 0.
 */
public record Sphere() implements BenchmarkFunction {

    @Override
    public String name() {
        return "sphere";
    }

    @Override
    public double value(double[] x) {
        Points.requireValid(this, x);
        double sum = 0;
        for (double xi : x) {
            sum += xi * xi;
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
