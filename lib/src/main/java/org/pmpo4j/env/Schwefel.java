package org.pmpo4j.env;

/**
 * Schwefel function 2.26, the multimodal one: f(x) = 418.9829·d − Σ_i x_i sin(√|x_i|). It has many
 * local minima. Per coordinate the two deepest are at about 420.97 and −302.52, far apart, so a search
 * can settle in the wrong region.
 * Domain [−500, 500]^d. The global minimum is at x_i = 420.96874636 for every i, where each
 * coordinate contributes 418.98288727 to the sum. Because 418.9829 is rounded, the minimum value is
 * d·1.2727566e-5 rather than exactly 0.
 *
 * <p>Outside the domain the function is unbounded below, because |x sin √|x|| grows like |x|, so the
 * minimum above holds only within [−500, 500]^d.
 */
public record Schwefel() implements BenchmarkFunction {

    /** Maximiser of x sin(√x) on [0, 500], the root of tan(√x) = −√x/2 near 420.97. */
    static final double OPTIMAL_COORDINATE = 420.9687463599821;

    @Override
    public String name() {
        return "schwefel";
    }

    @Override
    public double value(double[] x) {
        Points.requireValid(this, x);
        double sum = 0;
        for (double xi : x) {
            sum += xi * StrictMath.sin(StrictMath.sqrt(Math.abs(xi)));
        }
        return 418.9829 * x.length - sum;
    }

    @Override
    public double lowerBound() {
        return -500.0;
    }

    @Override
    public double upperBound() {
        return 500.0;
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
