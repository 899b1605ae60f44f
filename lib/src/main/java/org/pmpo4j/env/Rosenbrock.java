package org.pmpo4j.env;

/**
 * Rosenbrock function f(x) = Σ_{i=1}^{d−1} [100 (x_{i+1} − x_i²)² + (1 − x_i)²], a curved valley that
 * is easy to find and slow to follow. Defined for d ≥ 2, because for d = 1 the sum is empty. Domain
 * [−5, 10]^d, global minimum f(1, …, 1) = 0.
 */
public record Rosenbrock() implements BenchmarkFunction {

    @Override
    public String name() {
        return "rosenbrock";
    }

    @Override
    public double value(double[] x) {
        Points.requireValid(this, x);
        double sum = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1.0 - x[i];
            sum += 100.0 * valley * valley + offset * offset;
        }
        return sum;
    }

    @Override
    public double lowerBound() {
        return -5.0;
    }

    @Override
    public double upperBound() {
        return 10.0;
    }

    @Override
    public double[] optimum(int dimension) {
        return Points.constant(this, dimension, 1.0);
    }

    @Override
    public double optimalValue(int dimension) {
        Points.requireDimension(this, dimension);
        return 0.0;
    }

    @Override
    public int minDimension() {
        return 2;
    }
}
