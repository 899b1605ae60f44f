package org.pmpo4j.analysis;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures whether gradient descent on the PMPO loss diverges, as the numerical counterpart of the
 * closed-form verdicts of {@link PmpoBoundedness}.
 *
 * <p>A probe minimises L = −α · mean_{D_a} log π_θ + (1 − α) · mean_{D_r} log π_θ + β · KL(π_ref‖π_θ)
 * over the mean μ and log standard deviation log σ of a diagonal Gaussian π_θ, for fixed samples, with
 * DJL's Adam in float64, starting at π_ref. It stops early and reports divergence when the loss falls
 * below {@link Settings#lossFloor()}, when a parameter leaves the limits of {@link Settings}, or when
 * the loss or a parameter stops being finite. A run that stays within the limits for all its steps
 * is reported as not diverged.
 *
 * <p>The limits are heuristics. A loss that is unbounded below can drift more slowly than the step
 * budget shows, and a bounded loss whose minimiser lies outside the limits is reported as diverged,
 * so compare the limits with {@link PmpoBoundedness.Verdict#optimalStd()} before reading a grid.
 * Adam's step size is about the learning rate in the units of μ and log σ, so scale the learning rate
 * with σ_ref.
 *
 * <p>In DJL 0.36 the PyTorch engine allows one gradient collector at a time per JVM, so run probes
 * one after another, not in parallel threads.
 */
public final class BoundednessProbe {

    private static final Logger LOG = LoggerFactory.getLogger(BoundednessProbe.class);

    private BoundednessProbe() {}

    /**
     * Step budget and divergence limits of a probe.
     *
     * @param steps the maximum number of Adam steps, ≥ 1
     * @param learningRate Adam's learning rate, finite and &gt; 0
     * @param meanLimit the largest |μ_d − μ_ref,d| / σ_ref,d that counts as not diverged, finite and &gt; 0
     * @param logStdLimit the largest |log σ_d − log σ_ref,d| that counts as not diverged, finite and &gt; 0
     * @param lossFloor the smallest loss that counts as not diverged; finite, or −∞ to turn the check off
     */
    public record Settings(int steps, double learningRate, double meanLimit, double logStdLimit, double lossFloor) {

        /** Checks every range. */
        public Settings {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps + "; use 2000 for the default");
            }
            requirePositive("learningRate", learningRate, "0.05");
            requirePositive("meanLimit", meanLimit, "20");
            requirePositive("logStdLimit", logStdLimit, "10");
            if (Double.isNaN(lossFloor) || lossFloor == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("lossFloor must be finite or -Infinity, got " + lossFloor
                        + "; use -1e6 for the default or -Infinity to turn the check off");
            }
        }

        /**
         * Returns 2,000 steps at learning rate 0.05, a mean limit of 20 reference standard deviations,
         * a log σ limit of 10 and a loss floor of −10⁶. At that rate Adam moves log σ by about 0.05 per
         * step while the gradient keeps its sign, so a steady drift reaches the log σ limit in about 200
         * steps.
         */
        public static Settings defaults() {
            return new Settings(2000, 0.05, 20.0, 10.0, -1e6);
        }

        /** Returns these settings with another step budget. */
        public Settings withSteps(int newSteps) {
            return new Settings(newSteps, learningRate, meanLimit, logStdLimit, lossFloor);
        }

        /** Returns these settings with another learning rate. */
        public Settings withLearningRate(double newLearningRate) {
            return new Settings(steps, newLearningRate, meanLimit, logStdLimit, lossFloor);
        }

        private static void requirePositive(String name, double value, String usual) {
            if (!(value > 0.0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite and > 0, got " + value + "; use "
                        + usual + " for the default");
            }
        }
    }

    /**
     * Result of one probe.
     *
     * @param diverged whether a limit was crossed
     * @param steps the number of Adam steps taken
     * @param reason what stopped the run, with the offending value
     * @param mean μ after the last step, length D
     * @param std σ after the last step, length D
     * @param loss the loss at those parameters
     */
    public record Outcome(boolean diverged, int steps, String reason, double[] mean, double[] std, double loss) {

        /** Copies the arrays, so the outcome cannot change afterwards. */
        public Outcome {
            mean = mean.clone();
            std = std.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }
    }

    /**
     * Runs a probe for a diagonal Gaussian policy in D dimensions.
     *
     * @param alpha α ∈ [0, 1]
     * @param beta β ≥ 0, finite
     * @param accepted D_a, shape (N_a, D), finite; N_a may be 0 only when α = 0
     * @param rejected D_r, shape (N_r, D), finite; N_r may be 0 only when α = 1
     * @param referenceMean μ_ref, length D ≥ 1, finite; also the starting mean
     * @param referenceStd σ_ref, length D, finite and &gt; 0; also the starting standard deviation
     * @param settings the step budget and limits
     * @throws IllegalArgumentException if an argument is outside the ranges above or settings is null
     */
    public static Outcome run(double alpha, double beta, double[][] accepted, double[][] rejected,
            double[] referenceMean, double[] referenceStd, Settings settings) {
        AnalysisInputs.requireAlpha(alpha);
        AnalysisInputs.requireBeta(beta);
        int dimension = AnalysisInputs.requireReference(referenceMean, referenceStd);
        AnalysisInputs.requireSamples("accepted", accepted, dimension, alpha > 0.0, alpha);
        AnalysisInputs.requireSamples("rejected", rejected, dimension, alpha < 1.0, alpha);
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null; pass BoundednessProbe.Settings.defaults()");
        }

        try (PmpoAdamRun run = new PmpoAdamRun(alpha, beta, accepted, rejected, referenceMean, referenceStd,
                settings.learningRate())) {
            for (int step = 1; step <= settings.steps(); step++) {
                double lossBefore = run.step();
                String divergence = checkLimits(lossBefore, run, referenceMean, referenceStd, settings);
                if (divergence != null) {
                    return finish(run, true, step, "step " + step + ": " + divergence, alpha, beta);
                }
            }
            String reason = "stayed within the limits for " + settings.steps() + " steps";
            return finish(run, false, settings.steps(), reason, alpha, beta);
        }
    }

    /**
     * Runs a probe for a one-dimensional Gaussian policy; see
     * {@link #run(double, double, double[][], double[][], double[], double[], Settings)}.
     */
    public static Outcome run(double alpha, double beta, double[] accepted, double[] rejected, double referenceMean,
            double referenceStd, Settings settings) {
        AnalysisInputs.requireSamples("accepted", accepted, false, alpha);
        AnalysisInputs.requireSamples("rejected", rejected, false, alpha);
        return run(alpha, beta, asColumn(accepted), asColumn(rejected), new double[] {referenceMean},
                new double[] {referenceStd}, settings);
    }

    /** Returns a description of the crossed limit, or null when the run is within every limit. */
    private static String checkLimits(double lossBefore, PmpoAdamRun run, double[] referenceMean,
            double[] referenceStd, Settings settings) {
        if (!Double.isFinite(lossBefore)) {
            return "the loss is " + lossBefore;
        }
        if (lossBefore < settings.lossFloor()) {
            return "the loss " + number(lossBefore) + " fell below the floor " + number(settings.lossFloor());
        }

        double[] mean = run.mean();
        double[] logStd = run.logStd();
        for (int d = 0; d < mean.length; d++) {
            double meanShift = Math.abs(mean[d] - referenceMean[d]) / referenceStd[d];
            double logStdShift = Math.abs(logStd[d] - Math.log(referenceStd[d]));
            // The negated comparisons also catch NaN.
            if (!(meanShift <= settings.meanLimit())) {
                return "mean[" + d + "] = " + number(mean[d]) + " is " + number(meanShift)
                        + " reference standard deviations from the reference mean, beyond the limit "
                        + number(settings.meanLimit());
            }
            if (!(logStdShift <= settings.logStdLimit())) {
                return "log std[" + d + "] = " + number(logStd[d]) + " is " + number(logStdShift)
                        + " from the reference log std, beyond the limit " + number(settings.logStdLimit());
            }
        }
        return null;
    }

    private static Outcome finish(PmpoAdamRun run, boolean diverged, int steps, String reason, double alpha,
            double beta) {
        Outcome outcome = new Outcome(diverged, steps, reason, run.mean(), run.std(), run.lossValue());
        LOG.debug("Probe at alpha={} beta={}: diverged={} after {} steps ({})", alpha, beta, diverged, steps, reason);
        return outcome;
    }

    private static double[][] asColumn(double[] samples) {
        double[][] column = new double[samples.length][1];
        for (int i = 0; i < samples.length; i++) {
            column[i][0] = samples[i];
        }
        return column;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
