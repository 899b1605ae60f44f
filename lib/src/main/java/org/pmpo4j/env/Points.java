package org.pmpo4j.env;

import java.util.Arrays;

/** Input checks shared by the benchmark functions. */
final class Points {

    private Points() {}

    /** Checks that x is non-null, has at least {@code minDimension} coordinates and that all are finite. */
    static void requireValid(BenchmarkFunction function, double[] x) {
        if (x == null) {
            throw new IllegalArgumentException(function.name() + ": x must not be null; pass a point of dimension >= "
                    + function.minDimension());
        }
        requireDimension(function, x.length);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(function.name() + ": x[" + i + "] must be finite, got " + x[i]
                        + "; check the sampler that produced the point");
            }
        }
    }

    /** Checks that {@code dimension} is at least the function's minimum dimension. */
    static void requireDimension(BenchmarkFunction function, int dimension) {
        if (dimension < function.minDimension()) {
            throw new IllegalArgumentException(function.name() + ": dimension must be >= " + function.minDimension()
                    + ", got " + dimension + "; use a point with at least " + function.minDimension()
                    + " coordinates");
        }
    }

    /** Returns a point of the given dimension with every coordinate equal to {@code coordinate}. */
    static double[] constant(BenchmarkFunction function, int dimension, double coordinate) {
        requireDimension(function, dimension);
        double[] point = new double[dimension];
        Arrays.fill(point, coordinate);
        return point;
    }
}
