package org.pmpo4j.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decides in closed form whether the PMPO objective for a diagonal Gaussian policy and fixed samples
 * has a maximiser, one action dimension at a time, and where that maximiser is.
 *
 * <p>The PMPO objective (Abdolmaleki et al., "Learning from negative feedback, or positive feedback or
 * both", ICLR 2025) is maximised over the policy mean μ and standard deviation σ:
 *
 * <pre>
 *   J(μ, σ) = α · mean_{y ∈ D_a} log N(y; μ, σ²) − (1 − α) · mean_{y ∈ D_r} log N(y; μ, σ²)
 *             − β · KL(N(μ_ref, σ_ref²) ‖ N(μ, σ²))
 * </pre>
 *
 * with α ∈ [0, 1], β ≥ 0, the accepted samples D_a, the rejected samples D_r and the forward KL, whose
 * first argument is the reference policy. For a diagonal Gaussian the log-density and the KL are sums
 * over dimensions, so J = Σ_d J_d(μ_d, σ_d) with every J_d of the form above. J therefore has a
 * maximiser exactly when every J_d has one, and it is bounded above exactly when every J_d is.
 *
 * <p><b>Derivation for one dimension.</b> Insert log N(y; μ, σ²) = −log σ − (y − μ)²/(2σ²) − ½ log 2π
 * and KL = log σ − log σ_ref + (σ_ref² + (μ − μ_ref)²)/(2σ²) − ½, then collect the terms in log σ and
 * in 1/(2σ²):
 *
 * <pre>
 *   J(μ, σ) = −c · log σ − Q(μ) / (2σ²) + K
 *   c       = α − (1 − α) + β = 2α − 1 + β
 *   Q(μ)    = α · mean_a (y − μ)² − (1 − α) · mean_r (y − μ)² + β · (σ_ref² + (μ − μ_ref)²)
 *   K       = −(2α − 1) · ½ log 2π + β · (log σ_ref + ½)
 * </pre>
 *
 * Q is a quadratic in μ with leading coefficient c. Let m_a, m_r be the sample means, v_a, v_r the
 * sample variances (divisor N), Δ_a = m_a − μ_ref and Δ_r = m_r − μ_ref. Because mean (y − μ)² =
 * v + (m − μ)², Q is a constant plus a weighted sum of squared distances from μ to the three points m_a,
 * m_r and μ_ref with weights α, −(1 − α) and β, which add up to c. For c ≠ 0 that gives
 * Q(μ) = c · (μ − μ*)² + Q* with
 *
 * <pre>
 *   μ* = μ_ref + (α · Δ_a − (1 − α) · Δ_r) / c
 *   Q* = α · v_a − (1 − α) · v_r + β · σ_ref²
 *        + (α · β · Δ_a² − (1 − α) · β · Δ_r² − α · (1 − α) · (m_a − m_r)²) / c
 * </pre>
 *
 * The last line is the pairwise form of the weighted spread of the three points. It only uses
 * differences, so it does not lose precision when the samples lie far from 0.
 *
 * <p><b>Cases</b> (write v = σ²):
 *
 * <ul>
 *   <li>c &gt; 0 and Q* &gt; 0: for a fixed μ with Q(μ) &gt; 0, ∂J/∂v = (Q(μ)/v − c)/(2v) vanishes only
 *       at v = Q(μ)/c, where J = −(c/2) · log(Q(μ)/c) − c/2 + K. That value falls as Q(μ) grows, so
 *       the unique maximiser is μ = μ*, σ*² = Q* / c ({@link Regime#UNIQUE_MAXIMUM}).
 *   <li>c &gt; 0 and Q* ≤ 0: at μ = μ*, J ≥ −c · log σ + K, which tends to +∞ as σ → 0
 *       ({@link Regime#UNBOUNDED_AS_STD_VANISHES}).
 *   <li>c &lt; 0: at a fixed σ, Q(μ) → −∞ as |μ| → ∞, and at a fixed μ, −c · log σ → +∞ as σ → ∞
 *       ({@link Regime#UNBOUNDED_AT_INFINITY}).
 *   <li>c = 0: Q(μ) = Q(μ_ref) − 2b · (μ − μ_ref) is linear, with b = α · Δ_a − (1 − α) · Δ_r.
 *       <ul>
 *         <li>b ≠ 0: J → +∞ as μ → sign(b) · ∞ at any fixed σ ({@link Regime#UNBOUNDED_AT_INFINITY}).
 *         <li>b = 0 and e = Q(μ_ref) &lt; 0: J = −e/(2σ²) + K → +∞ as σ → 0
 *             ({@link Regime#UNBOUNDED_AS_STD_VANISHES}).
 *         <li>b = 0 and e &gt; 0: J &lt; K everywhere, and J → K only as σ → ∞, so J is bounded
 *             above but has no maximiser ({@link Regime#SUPREMUM_AT_INFINITY}).
 *         <li>b = 0 and e = 0: J = K for every (μ, σ), so every point is a maximiser
 *             ({@link Regime#CONSTANT}).
 *       </ul>
 * </ul>
 *
 * So J has a unique maximiser iff c &gt; 0 and Q* &gt; 0. It is bounded above in that case and in the
 * two c = 0 cases with b = 0 and e ≥ 0. For reject-only PMPO (α = 0), c = β − 1, so β &gt; 1 is
 * necessary, and it is sufficient only if also β · σ_ref² &gt; v_r + β · Δ_r² / (β − 1).
 *
 * <p><b>Critical β.</b> Raising β subtracts β · KL ≥ 0 and raises both c and Q(μ) at every μ, so the
 * β ≥ 0 with a unique maximiser form an interval (β*, ∞), or [0, ∞) when β = 0 already has one.
 * With c₀ = 2α − 1, V = α · v_a − (1 − α) · v_r and P = α · Δ_a² − (1 − α) · Δ_r²,
 *
 * <pre>
 *   g(β) = c · Q* = σ_ref² · β² + (V + c₀ · σ_ref² + P) · β + c₀ · V − α · (1 − α) · (m_a − m_r)²
 * </pre>
 *
 * and β* is the largest of 0, −c₀ = 1 − 2α and the larger real root of g. It is always finite,
 * because the leading coefficient σ_ref² is positive.
 *
 * <p><b>Rounding.</b> The sample means and variances are computed on sorted copies, shifted by their
 * median, so identical samples give a variance of exactly 0 and the same samples in any order give
 * the same verdict. A c within 8 ulps of max(1, β) of 0 counts as 0, so that grids such as β = 1 − 2α
 * over decimal α land on the c = 0 line despite rounding.
 */
public final class PmpoBoundedness {

    /** The c = 0 tolerance in units of ulp(max(1, β)); it covers the rounding of decimal α and β and of 2α − 1 + β. */
    private static final int ZERO_COEFFICIENT_ULPS = 8;

    private PmpoBoundedness() {}

    /** Shape of J(μ, σ) over the policy parameters of one dimension; see the class Javadoc for each case. */
    public enum Regime {
        /** c &gt; 0 and Q* &gt; 0: J attains its maximum at exactly one point. */
        UNIQUE_MAXIMUM(true),
        /** J → +∞ as σ → 0 at a finite mean: the policy collapses onto a point. */
        UNBOUNDED_AS_STD_VANISHES(false),
        /** J → +∞ as |μ| → ∞, or also as σ → ∞ when c &lt; 0: the policy runs away. */
        UNBOUNDED_AT_INFINITY(false),
        /** c = 0 and Q is a positive constant: J is bounded above but approaches its supremum only as σ → ∞. */
        SUPREMUM_AT_INFINITY(true),
        /** c = 0 and Q ≡ 0: J does not depend on the parameters. */
        CONSTANT(true);

        private final boolean boundedAbove;

        Regime(boolean boundedAbove) {
            this.boundedAbove = boundedAbove;
        }

        /** Returns whether J is bounded above in this regime. */
        public boolean boundedAbove() {
            return boundedAbove;
        }
    }

    /**
     * Closed-form result for one action dimension.
     *
     * @param regime the shape of J over (μ, σ)
     * @param varianceCoefficient c = 2α − 1 + β, the coefficient of −log σ in J; exactly 0 when it
     *     rounds to 0 (see the class Javadoc)
     * @param minimumQuadratic min_μ Q(μ): Q* when c &gt; 0, the constant Q when c = 0 and b = 0, and
     *     −∞ otherwise
     * @param optimalMean μ* = argmin_μ Q(μ) when c &gt; 0, which is the maximiser for
     *     {@link Regime#UNIQUE_MAXIMUM} and the point where σ collapses otherwise; NaN when c ≤ 0
     * @param optimalStd σ* = sqrt(Q* / c) for {@link Regime#UNIQUE_MAXIMUM}, NaN otherwise
     * @param criticalBeta the β* of {@link PmpoBoundedness#criticalBeta(double, double[], double[],
     *     double, double)} for the same α and samples
     * @param reason one sentence with the numbers behind the regime
     */
    public record Verdict(
            Regime regime,
            double varianceCoefficient,
            double minimumQuadratic,
            double optimalMean,
            double optimalStd,
            double criticalBeta,
            String reason) {

        /** Checks that the regime and reason are present. */
        public Verdict {
            if (regime == null || reason == null) {
                throw new IllegalArgumentException(
                        "regime and reason must not be null; build verdicts with PmpoBoundedness.analyse");
            }
        }

        /** Returns whether J has exactly one maximiser, so maximising it is well posed. */
        public boolean hasUniqueMaximum() {
            return regime == Regime.UNIQUE_MAXIMUM;
        }

        /** Returns whether J is bounded above; true also for the two c = 0 regimes without a unique maximiser. */
        public boolean boundedAbove() {
            return regime.boundedAbove();
        }
    }

    /**
     * Analyses one action dimension.
     *
     * @param alpha α ∈ [0, 1], the weight of the accepted term
     * @param beta β ≥ 0, finite, the weight of the KL term
     * @param accepted D_a, finite; may be empty only when α = 0
     * @param rejected D_r, finite; may be empty only when α = 1
     * @param referenceMean μ_ref, finite
     * @param referenceStd σ_ref, finite and &gt; 0
     * @return the regime, c, min Q, the maximiser if one exists, and the critical β
     * @throws IllegalArgumentException if an argument is outside the ranges above
     */
    public static Verdict analyse(double alpha, double beta, double[] accepted, double[] rejected,
            double referenceMean, double referenceStd) {
        AnalysisInputs.requireAlpha(alpha);
        AnalysisInputs.requireBeta(beta);
        AnalysisInputs.requireSamples("accepted", accepted, alpha > 0.0, alpha);
        AnalysisInputs.requireSamples("rejected", rejected, alpha < 1.0, alpha);
        AnalysisInputs.requireReference("", referenceMean, referenceStd);
        return DimensionTerms.of(alpha, accepted, rejected, referenceMean, referenceStd).verdict(beta);
    }

    /**
     * Analyses every action dimension of a diagonal Gaussian policy. J has a unique maximiser iff every
     * verdict has one.
     *
     * @param accepted D_a, shape (N_a, D); N_a may be 0 only when α = 0
     * @param rejected D_r, shape (N_r, D); N_r may be 0 only when α = 1
     * @param referenceMean μ_ref, length D ≥ 1
     * @param referenceStd σ_ref, length D, every entry &gt; 0
     * @return one verdict per dimension, in dimension order
     * @throws IllegalArgumentException if an argument is outside the ranges of the one-dimensional
     *     {@link #analyse(double, double, double[], double[], double, double)} or the shapes differ
     */
    public static List<Verdict> analyse(double alpha, double beta, double[][] accepted, double[][] rejected,
            double[] referenceMean, double[] referenceStd) {
        AnalysisInputs.requireAlpha(alpha);
        AnalysisInputs.requireBeta(beta);
        int dimension = AnalysisInputs.requireReference(referenceMean, referenceStd);
        AnalysisInputs.requireSamples("accepted", accepted, dimension, alpha > 0.0, alpha);
        AnalysisInputs.requireSamples("rejected", rejected, dimension, alpha < 1.0, alpha);

        List<Verdict> verdicts = new ArrayList<>(dimension);
        for (int d = 0; d < dimension; d++) {
            DimensionTerms terms = DimensionTerms.of(alpha, AnalysisInputs.column(accepted, d),
                    AnalysisInputs.column(rejected, d), referenceMean[d], referenceStd[d]);
            verdicts.add(terms.verdict(beta));
        }
        return List.copyOf(verdicts);
    }

    /**
     * Computes the critical KL weight β* for one dimension: J has a unique maximiser for every
     * β &gt; β*, and for no β in (0, β*]. When β* = 0, β = 0 itself may or may not have one, and
     * {@link #analyse(double, double, double[], double[], double, double)} reports which.
     *
     * <p>β* is finite for every valid input, because the KL term alone, β · KL, has a unique
     * minimiser at π_ref and dominates J once β is large enough.
     *
     * @throws IllegalArgumentException if an argument is outside the ranges of {@code analyse}
     */
    public static double criticalBeta(double alpha, double[] accepted, double[] rejected,
            double referenceMean, double referenceStd) {
        AnalysisInputs.requireAlpha(alpha);
        AnalysisInputs.requireSamples("accepted", accepted, alpha > 0.0, alpha);
        AnalysisInputs.requireSamples("rejected", rejected, alpha < 1.0, alpha);
        AnalysisInputs.requireReference("", referenceMean, referenceStd);
        return DimensionTerms.of(alpha, accepted, rejected, referenceMean, referenceStd).criticalBeta();
    }

    /**
     * Computes the critical KL weight β* of a diagonal Gaussian policy: the largest per-dimension β*,
     * since J has a unique maximiser iff every dimension has one.
     *
     * @throws IllegalArgumentException if an argument is outside the ranges of the multi-dimensional
     *     {@code analyse}
     */
    public static double criticalBeta(double alpha, double[][] accepted, double[][] rejected,
            double[] referenceMean, double[] referenceStd) {
        AnalysisInputs.requireAlpha(alpha);
        int dimension = AnalysisInputs.requireReference(referenceMean, referenceStd);
        AnalysisInputs.requireSamples("accepted", accepted, dimension, alpha > 0.0, alpha);
        AnalysisInputs.requireSamples("rejected", rejected, dimension, alpha < 1.0, alpha);

        double critical = 0.0;
        for (int d = 0; d < dimension; d++) {
            DimensionTerms terms = DimensionTerms.of(alpha, AnalysisInputs.column(accepted, d),
                    AnalysisInputs.column(rejected, d), referenceMean[d], referenceStd[d]);
            critical = Math.max(critical, terms.criticalBeta());
        }
        return critical;
    }

    /** Sample mean and variance (divisor N) of one set in one dimension. */
    private record Moments(double mean, double variance) {

        /**
         * Computes the moments on a sorted copy shifted by its median, so that equal samples give a
         * variance of exactly 0 and the result does not depend on the sample order. An empty set gets
         * the moments of {@code fallbackMean}, which makes its differences to μ_ref vanish.
         */
        static Moments of(double[] samples, double fallbackMean) {
            if (samples.length == 0) {
                return new Moments(fallbackMean, 0.0);
            }
            double[] sorted = samples.clone();
            Arrays.sort(sorted);
            double shift = sorted[sorted.length / 2];

            double shiftedSum = 0.0;
            for (double y : sorted) {
                shiftedSum += y - shift;
            }
            double mean = shift + shiftedSum / sorted.length;

            // Two-pass variance with the usual correction term for the rounding of the mean.
            double squares = 0.0;
            double residual = 0.0;
            for (double y : sorted) {
                squares += (y - mean) * (y - mean);
                residual += y - mean;
            }
            double variance = (squares - residual * residual / sorted.length) / sorted.length;
            return new Moments(mean, Math.max(variance, 0.0));
        }
    }

    /** The statistics of one dimension that c, Q and β* depend on. */
    private record DimensionTerms(double alpha, Moments accepted, Moments rejected, double referenceMean,
            double referenceStd) {

        static DimensionTerms of(double alpha, double[] accepted, double[] rejected, double referenceMean,
                double referenceStd) {
            return new DimensionTerms(alpha, Moments.of(accepted, referenceMean), Moments.of(rejected, referenceMean),
                    referenceMean, referenceStd);
        }

        /** Δ_a = m_a − μ_ref. */
        double acceptedOffset() {
            return accepted.mean - referenceMean;
        }

        /** Δ_r = m_r − μ_ref. */
        double rejectedOffset() {
            return rejected.mean - referenceMean;
        }

        /** V = α · v_a − (1 − α) · v_r. */
        double varianceTerm() {
            return alpha * accepted.variance - (1.0 - alpha) * rejected.variance;
        }

        /** b = α · Δ_a − (1 − α) · Δ_r, the weighted offset of the sample means from μ_ref. */
        double offsetTerm() {
            return alpha * acceptedOffset() - (1.0 - alpha) * rejectedOffset();
        }

        /** c = 2α − 1 + β, set to exactly 0 when it is within rounding of 0. */
        double varianceCoefficient(double beta) {
            double c = (2.0 * alpha - 1.0) + beta;
            double tolerance = ZERO_COEFFICIENT_ULPS * Math.ulp(Math.max(1.0, beta));
            return Math.abs(c) <= tolerance ? 0.0 : c;
        }

        Verdict verdict(double beta) {
            double c = varianceCoefficient(beta);
            double criticalBeta = criticalBeta();
            String fix = String.format(Locale.ROOT, "; J has a unique maximum for beta > %s", number(criticalBeta));

            if (c < 0.0) {
                return new Verdict(Regime.UNBOUNDED_AT_INFINITY, c, Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN,
                        criticalBeta, "c = 2*alpha - 1 + beta = " + number(c)
                                + " < 0, so J -> +inf as |mean| -> inf or std -> inf" + fix);
            }
            if (c == 0.0) {
                return verdictOnZeroCoefficient(beta, criticalBeta, fix);
            }

            double acceptedOffset = acceptedOffset();
            double rejectedOffset = rejectedOffset();
            double meanGap = accepted.mean - rejected.mean;
            double spread = alpha * beta * acceptedOffset * acceptedOffset
                    - (1.0 - alpha) * beta * rejectedOffset * rejectedOffset
                    - alpha * (1.0 - alpha) * meanGap * meanGap;
            double minimumQuadratic = varianceTerm() + beta * referenceStd * referenceStd + spread / c;
            double optimalMean = referenceMean + offsetTerm() / c;

            if (minimumQuadratic > 0.0) {
                double optimalStd = Math.sqrt(minimumQuadratic / c);
                return new Verdict(Regime.UNIQUE_MAXIMUM, c, minimumQuadratic, optimalMean, optimalStd, criticalBeta,
                        "c = " + number(c) + " > 0 and min Q = " + number(minimumQuadratic)
                                + " > 0, so J has its unique maximum at mean " + number(optimalMean)
                                + ", std " + number(optimalStd));
            }
            return new Verdict(Regime.UNBOUNDED_AS_STD_VANISHES, c, minimumQuadratic, optimalMean, Double.NaN,
                    criticalBeta, "c = " + number(c) + " > 0 but min Q = " + number(minimumQuadratic)
                            + " <= 0, so J -> +inf as std -> 0 at mean " + number(optimalMean) + fix);
        }

        /** Decides the c = 0 cases, where Q(μ) = e − 2b · (μ − μ_ref) is linear. */
        private Verdict verdictOnZeroCoefficient(double beta, double criticalBeta, String fix) {
            double slopeTerm = offsetTerm();
            if (slopeTerm != 0.0) {
                String direction = slopeTerm > 0.0 ? "+inf" : "-inf";
                return new Verdict(Regime.UNBOUNDED_AT_INFINITY, 0.0, Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN,
                        criticalBeta, "c = 0 and Q is linear in the mean with slope -2b, b = " + number(slopeTerm)
                                + ", so J -> +inf as mean -> " + direction + fix);
            }

            // e = Q(μ_ref); the offsets of the means enter through mean (y − μ_ref)² = v + Δ².
            double acceptedOffset = acceptedOffset();
            double rejectedOffset = rejectedOffset();
            double constant = alpha * (accepted.variance + acceptedOffset * acceptedOffset)
                    - (1.0 - alpha) * (rejected.variance + rejectedOffset * rejectedOffset)
                    + beta * referenceStd * referenceStd;
            if (constant < 0.0) {
                return new Verdict(Regime.UNBOUNDED_AS_STD_VANISHES, 0.0, constant, Double.NaN, Double.NaN,
                        criticalBeta, "c = 0 and Q is the constant " + number(constant)
                                + " < 0, so J -> +inf as std -> 0 at every mean" + fix);
            }
            if (constant > 0.0) {
                return new Verdict(Regime.SUPREMUM_AT_INFINITY, 0.0, constant, Double.NaN, Double.NaN, criticalBeta,
                        "c = 0 and Q is the constant " + number(constant)
                                + " > 0, so J is bounded above but approaches its supremum only as std -> inf" + fix);
            }
            return new Verdict(Regime.CONSTANT, 0.0, 0.0, Double.NaN, Double.NaN, criticalBeta,
                    "c = 0 and Q = 0 at every mean, so J is constant and every (mean, std) is a maximiser" + fix);
        }

        /** β* = max(0, 1 − 2α, larger root of g); see the class Javadoc. */
        double criticalBeta() {
            double c0 = 2.0 * alpha - 1.0;
            double referenceVariance = referenceStd * referenceStd;
            double acceptedOffset = acceptedOffset();
            double rejectedOffset = rejectedOffset();
            double meanGap = accepted.mean - rejected.mean;
            double offsets = alpha * acceptedOffset * acceptedOffset
                    - (1.0 - alpha) * rejectedOffset * rejectedOffset;

            double linear = varianceTerm() + c0 * referenceVariance + offsets;
            double constant = c0 * varianceTerm() - alpha * (1.0 - alpha) * meanGap * meanGap;
            double critical = Math.max(0.0, -c0);
            double root = largerRoot(referenceVariance, linear, constant);
            return Double.isNaN(root) ? critical : Math.max(critical, root);
        }
    }

    /**
     * Returns the larger real root of a·x² + b·x + c with a &gt; 0, or NaN if there is none. The root
     * is taken from the form that adds numbers of the same sign, to avoid cancellation.
     */
    private static double largerRoot(double a, double b, double c) {
        double discriminant = b * b - 4.0 * a * c;
        if (discriminant < 0.0) {
            return Double.NaN;
        }
        double sqrt = Math.sqrt(discriminant);
        if (b <= 0.0) {
            return (-b + sqrt) / (2.0 * a);
        }
        // Here −b − sqrt < 0 is the larger-magnitude sum, and the larger root is c / (a · smaller root).
        return 2.0 * c / (-b - sqrt);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
