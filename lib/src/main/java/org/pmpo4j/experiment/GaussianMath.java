package org.pmpo4j.experiment;

/** Closed-form diagonal Gaussian quantities on plain arrays, for recording statistics outside autograd. */
final class GaussianMath {

    private static final double LOG_TWO_PI = StrictMath.log(2.0 * Math.PI);

    private GaussianMath() {
    }

    /** KL(P ‖ Q) = Σ_i [log(σ_Q,i/σ_P,i) + (σ_P,i² + (μ_P,i − μ_Q,i)²)/(2σ_Q,i²) − ½]. */
    static double kl(double[] meanP, double[] stdP, double[] meanQ, double[] stdQ) {
        double sum = 0.0;
        for (int i = 0; i < meanP.length; i++) {
            double difference = meanP[i] - meanQ[i];
            double varianceQ = stdQ[i] * stdQ[i];
            sum += StrictMath.log(stdQ[i] / stdP[i]) + (stdP[i] * stdP[i] + difference * difference) / (2.0 * varianceQ)
                    - 0.5;
        }
        return sum;
    }

    /** log N(x; μ, diag σ²). */
    static double logDensity(double[] mean, double[] std, double[] x) {
        double sum = 0.0;
        for (int i = 0; i < mean.length; i++) {
            double z = (x[i] - mean[i]) / std[i];
            sum += -0.5 * z * z - StrictMath.log(std[i]) - 0.5 * LOG_TWO_PI;
        }
        return sum;
    }

    /** Mean log-density of the selected rows of {@code samples}; NaN when {@code indices} is empty. */
    static double meanLogDensity(double[] mean, double[] std, double[][] samples, int[] indices) {
        if (indices.length == 0) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (int index : indices) {
            sum += logDensity(mean, std, samples[index]);
        }
        return sum / indices.length;
    }
}
