package org.pmpo4j.analysis;

/**
 * Input checks shared by {@link PmpoBoundedness} and {@link BoundednessProbe}. Each check throws
 * {@link IllegalArgumentException} naming the value, the accepted range and the fix.
 */
final class AnalysisInputs {

    private AnalysisInputs() {}

    static void requireAlpha(double alpha) {
        if (!(alpha >= 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha
                    + "; use 1 for accept-only, 0 for reject-only or 0.5 for both");
        }
    }

    static void requireBeta(double beta) {
        if (!(beta >= 0.0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta
                    + "; use 0 to drop the KL term");
        }
    }

    static void requireReference(String suffix, double referenceMean, double referenceStd) {
        if (!Double.isFinite(referenceMean)) {
            throw new IllegalArgumentException("referenceMean" + suffix + " must be finite, got " + referenceMean
                    + "; pass the mean of the reference policy");
        }
        if (!(referenceStd > 0.0) || !Double.isFinite(referenceStd)) {
            throw new IllegalArgumentException("referenceStd" + suffix + " must be finite and > 0, got "
                    + referenceStd + "; pass the standard deviation of the reference policy");
        }
    }

    /**
     * Checks one dimension's samples: non-null, finite, and non-empty when their weight in the
     * objective is positive.
     *
     * @param name "accepted" or "rejected", for messages
     * @param weighted whether the set has a positive weight (α for D_a, 1 − α for D_r)
     */
    static void requireSamples(String name, double[] samples, boolean weighted, double alpha) {
        if (samples == null) {
            throw new IllegalArgumentException(name + " must not be null; pass an empty array when "
                    + weightName(name) + " = 0");
        }
        if (weighted && samples.length == 0) {
            throw new IllegalArgumentException(emptySetMessage(name, alpha));
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Double.isFinite(samples[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + samples[i]
                        + "; remove or replace that sample");
            }
        }
    }

    /**
     * Checks samples of shape (N, D): non-null rows of length D, finite, and N ≥ 1 when the set's
     * weight is positive.
     */
    static void requireSamples(String name, double[][] samples, int dimension, boolean weighted, double alpha) {
        if (samples == null) {
            throw new IllegalArgumentException(name + " must not be null; pass an array of shape (0, D) when "
                    + weightName(name) + " = 0");
        }
        if (weighted && samples.length == 0) {
            throw new IllegalArgumentException(emptySetMessage(name, alpha));
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] == null || samples[i].length != dimension) {
                String length = samples[i] == null ? "null" : "length " + samples[i].length;
                throw new IllegalArgumentException(name + "[" + i + "] has " + length + ", but the reference has D = "
                        + dimension + " dimensions; pass rows of shape (D)");
            }
            for (int d = 0; d < dimension; d++) {
                if (!Double.isFinite(samples[i][d])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + d + "] must be finite, got "
                            + samples[i][d] + "; remove or replace that sample");
                }
            }
        }
    }

    /** Checks that the reference mean and standard deviation have the same length D ≥ 1 and valid entries. */
    static int requireReference(double[] referenceMean, double[] referenceStd) {
        if (referenceMean == null || referenceStd == null) {
            throw new IllegalArgumentException(
                    "referenceMean and referenceStd must not be null; pass one value per action dimension");
        }
        if (referenceMean.length == 0 || referenceMean.length != referenceStd.length) {
            throw new IllegalArgumentException("referenceMean and referenceStd must have the same length D >= 1, got "
                    + referenceMean.length + " and " + referenceStd.length
                    + "; pass one mean and one standard deviation per action dimension");
        }
        for (int d = 0; d < referenceMean.length; d++) {
            requireReference("[" + d + "]", referenceMean[d], referenceStd[d]);
        }
        return referenceMean.length;
    }

    /** Returns column d of an (N, D) sample matrix. */
    static double[] column(double[][] samples, int d) {
        double[] values = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            values[i] = samples[i][d];
        }
        return values;
    }

    private static String weightName(String name) {
        return name.equals("accepted") ? "alpha" : "1 - alpha";
    }

    private static String emptySetMessage(String name, double alpha) {
        if (name.equals("accepted")) {
            return "accepted is empty, but alpha = " + alpha
                    + " > 0 needs accepted samples; pass at least one or use alpha = 0 (reject-only)";
        }
        return "rejected is empty, but alpha = " + alpha
                + " < 1 needs rejected samples; pass at least one or use alpha = 1 (accept-only)";
    }
}
