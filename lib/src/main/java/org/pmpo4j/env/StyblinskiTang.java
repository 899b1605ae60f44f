package org.pmpo4j.env;

/**
 * Styblinski–Tang function f(x) = ½ Σ_i (x_i⁴ − 16 x_i² + 5 x_i). Each coordinate has two local
 * minima, and the deeper one is at the negative root of 4x³ − 32x + 5 = 0. Domain [−5, 5]^d, global
 * minimum at x_i = −2.903534027771177 for every i, with value −39.16616570377141·d.
 */
public record StyblinskiTang() implements BenchmarkFunction {

    /** Negative root of f'(x) = 2x³ − 16x + 2.5 = 0, found by Newton's method in double precision. */
    static final double OPTIMAL_COORDINATE = -2.903534027771177;

    @Override
    public String name() {
        return "styblinski-tang";
    }

    @Override
    public double value(double[] x) {
        Points.requireValid(this, x);
        double sum = 0;
        for (double xi : x) {
            double square = xi * xi;
            sum += square * square - 16.0 * square + 5.0 * xi;
        }
        return 0.5 * sum;
    }

    @Override
    public double lowerBound() {
        return -5.0;
    }

    @Override
    public double upperBound() {
        return 5.0;
    }

    @Override
    public double[] optimum(int dimension) {
        return Points.constant(this, dimension, OPTIMAL_COORDINATE);
    }

    @Override
    public double optimalValue(int dimension) {
        return value(optimum(dimension));
    }
}
