package org.pmpo4j.env;

/**
 * Black-box objective for the bandit experiments, to be minimised over R^d. The value is defined for
 * every finite point of dimension at least {@link #minDimension()}. The search domain is the box
 * [lowerBound, upperBound]^d in which the function is usually benchmarked.
 */
public interface BenchmarkFunction {

    /** Returns the name that {@link BenchmarkFunctions#byName} maps back to this function. */
    String name();

    /**
     * Evaluates f(x).
     *
     * @param x the point, length d ≥ {@link #minDimension()}, every coordinate finite
     * @throws IllegalArgumentException if x is null, too short, or has a NaN or infinite coordinate
     */
    double value(double[] x);

    /** Returns the lower bound of the usual search domain, the same for every coordinate. */
    double lowerBound();

    /** Returns the upper bound of the usual search domain, the same for every coordinate. */
    double upperBound();

    /**
     * Returns the global minimiser in the search domain for dimension d.
     *
     * @throws IllegalArgumentException if dimension &lt; {@link #minDimension()}
     */
    double[] optimum(int dimension);

    /**
     * Returns f at {@link #optimum(int)}, the global minimum in the search domain.
     *
     * @throws IllegalArgumentException if dimension &lt; {@link #minDimension()}
     */
    double optimalValue(int dimension);

    /** Returns the smallest dimension d for which the function is defined; 1 unless overridden. */
    default int minDimension() {
        return 1;
    }
}
