package org.pmpo4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pmpo4j.analysis.PmpoBoundedness.Regime;
import org.pmpo4j.analysis.PmpoBoundedness.Verdict;
import org.pmpo4j.policy.GaussianPolicy;
import org.pmpo4j.testing.NumericalGradient;

class PmpoBoundednessTest {

    private static final double[] NONE = {};

    @Test
    void rejectOnlyCriticalBetaIsOne() {
        // α = 0, D_r = {μ_ref}: c = β − 1, v_r = 0, Δ_r = 0, so Q* = β·σ_ref² > 0 for β > 0 and only
        // c > 0 matters. g(β) = σ_ref²·β·(β − 1) has the larger root 1, so β* = 1.
        double[] rejected = {0.5};

        assertEquals(1.0, PmpoBoundedness.criticalBeta(0.0, NONE, rejected, 0.5, 2.0), 1e-15);

        Verdict below = PmpoBoundedness.analyse(0.0, 0.5, NONE, rejected, 0.5, 2.0);
        assertEquals(Regime.UNBOUNDED_AT_INFINITY, below.regime());
        assertEquals(-0.5, below.varianceCoefficient(), 1e-15);

        // At β = 1: c = 0, b = −Δ_r = 0, e = −v_r + β·σ_ref² = 4 > 0.
        Verdict atCritical = PmpoBoundedness.analyse(0.0, 1.0, NONE, rejected, 0.5, 2.0);
        assertEquals(Regime.SUPREMUM_AT_INFINITY, atCritical.regime());
        assertEquals(4.0, atCritical.minimumQuadratic(), 1e-15);
        assertTrue(atCritical.boundedAbove());
        assertFalse(atCritical.hasUniqueMaximum());

        // At β = 2: c = 1, Q* = 2·4 = 8, μ* = μ_ref, σ* = √8.
        Verdict above = PmpoBoundedness.analyse(0.0, 2.0, NONE, rejected, 0.5, 2.0);
        assertEquals(Regime.UNIQUE_MAXIMUM, above.regime());
        assertEquals(8.0, above.minimumQuadratic(), 1e-14);
        assertEquals(0.5, above.optimalMean(), 1e-15);
        assertEquals(Math.sqrt(8.0), above.optimalStd(), 1e-14);
    }

    @Test
    void rejectOnlyTailsNeedBetaAboveTheirSpread() {
        // α = 0, D_r = {−2, 2}, μ_ref = 0, σ_ref = 1: v_r = 4, Δ_r = 0, so
        // g(β) = β² − 5β + 4 = (β − 1)(β − 4) and β* = 4.
        double[] rejected = {-2.0, 2.0};

        assertEquals(4.0, PmpoBoundedness.criticalBeta(0.0, NONE, rejected, 0.0, 1.0), 1e-14);

        // β = 3: c = 2, Q* = 3 − 4 = −1, so the policy collapses at μ* = 0.
        Verdict below = PmpoBoundedness.analyse(0.0, 3.0, NONE, rejected, 0.0, 1.0);
        assertEquals(Regime.UNBOUNDED_AS_STD_VANISHES, below.regime());
        assertEquals(-1.0, below.minimumQuadratic(), 1e-14);
        assertEquals(0.0, below.optimalMean(), 1e-15);
        assertTrue(Double.isNaN(below.optimalStd()));

        // β = 5: c = 4, Q* = 5 − 4 = 1, σ* = √(1/4) = 0.5.
        Verdict above = PmpoBoundedness.analyse(0.0, 5.0, NONE, rejected, 0.0, 1.0);
        assertEquals(Regime.UNIQUE_MAXIMUM, above.regime());
        assertEquals(0.5, above.optimalStd(), 1e-15);
    }

    @Test
    void acceptOnlyWithoutKlIsMaximumLikelihood() {
        // α = 1, β = 0: c = 1 and Q(μ) = mean_a (y − μ)², so μ* = 7/3 and
        // σ*² = ((4/3)² + (1/3)² + (5/3)²)/3 = 42/27 = 14/9, the maximum-likelihood estimates.
        Verdict verdict = PmpoBoundedness.analyse(1.0, 0.0, new double[] {1, 2, 4}, NONE, 0.0, 1.0);

        assertEquals(Regime.UNIQUE_MAXIMUM, verdict.regime());
        assertEquals(1.0, verdict.varianceCoefficient(), 0.0);
        assertEquals(7.0 / 3.0, verdict.optimalMean(), 1e-15);
        assertEquals(Math.sqrt(14.0 / 9.0), verdict.optimalStd(), 1e-15);
        assertEquals(0.0, verdict.criticalBeta(), 0.0);
    }

    @Test
    void acceptOnlyWithEqualSamplesCollapses() {
        // α = 1, β = 0, D_a = {0.1, 0.1, 0.1}: v_a = 0 exactly, so Q* = 0 and σ → 0 at μ = 0.1.
        double[] accepted = {0.1, 0.1, 0.1};
        Verdict verdict = PmpoBoundedness.analyse(1.0, 0.0, accepted, NONE, 0.0, 1.0);

        assertEquals(Regime.UNBOUNDED_AS_STD_VANISHES, verdict.regime());
        assertEquals(0.0, verdict.minimumQuadratic(), 0.0);
        assertEquals(0.1, verdict.optimalMean(), 0.0);

        // Any β > 0 adds β·σ_ref² > 0 to Q*, so β* = 0 and β = 1e-3 already has a maximum.
        assertEquals(0.0, PmpoBoundedness.criticalBeta(1.0, accepted, NONE, 0.0, 1.0), 0.0);
        assertTrue(PmpoBoundedness.analyse(1.0, 1e-3, accepted, NONE, 0.0, 1.0).hasUniqueMaximum());
    }

    @Test
    void negativeCoefficientRunsAway() {
        // α = 0.2, β = 0.3: c = 0.4 − 1 + 0.3 = −0.3.
        Verdict verdict = PmpoBoundedness.analyse(0.2, 0.3, new double[] {1}, new double[] {-1}, 0.0, 1.0);

        assertEquals(Regime.UNBOUNDED_AT_INFINITY, verdict.regime());
        assertEquals(-0.3, verdict.varianceCoefficient(), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, verdict.minimumQuadratic(), 0.0);
        assertFalse(verdict.boundedAbove());
    }

    @Test
    void decimalGridOnZeroLineHasZeroCoefficient() {
        // α = 0.3, β = 0.4 gives c = 0 in decimal, but 2·0.3 − 1 + 0.4 need not round to 0.
        // b = 0.3·(1 − 0) − 0.7·(−1 − 0) = 1 ≠ 0, so J grows without bound as μ → +∞.
        Verdict verdict = PmpoBoundedness.analyse(0.3, 0.4, new double[] {1}, new double[] {-1}, 0.0, 1.0);

        assertEquals(0.0, verdict.varianceCoefficient(), 0.0);
        assertEquals(Regime.UNBOUNDED_AT_INFINITY, verdict.regime());
        assertTrue(verdict.reason().contains("mean -> +inf"), verdict.reason());
    }

    @Test
    void zeroCoefficientWithWideRejectedCollapses() {
        // α = 0, β = 1: c = 0, b = −Δ_r = 0, e = −v_r + σ_ref² = −9 + 1 = −8 < 0.
        Verdict verdict = PmpoBoundedness.analyse(0.0, 1.0, NONE, new double[] {-3, 3}, 0.0, 1.0);

        assertEquals(Regime.UNBOUNDED_AS_STD_VANISHES, verdict.regime());
        assertEquals(-8.0, verdict.minimumQuadratic(), 1e-14);
    }

    @Test
    void zeroCoefficientWithMatchingSpreadIsConstant() {
        // α = 0, β = 1, D_r = {−1, 1}, σ_ref = 1: c = 0, b = 0, e = −1 + 1 = 0, so J ≡ K.
        Verdict verdict = PmpoBoundedness.analyse(0.0, 1.0, NONE, new double[] {-1, 1}, 0.0, 1.0);

        assertEquals(Regime.CONSTANT, verdict.regime());
        assertTrue(verdict.boundedAbove());
        assertFalse(verdict.hasUniqueMaximum());
    }

    @Test
    void equalSetsInAnyOrderCancel() {
        // α = 0.5, β = 0: c = 0 and the accepted and rejected terms cancel exactly, so J ≡ K.
        double[] accepted = {0.1, 0.7, -0.3, 2.9};
        double[] rejected = {2.9, -0.3, 0.1, 0.7};
        Verdict verdict = PmpoBoundedness.analyse(0.5, 0.0, accepted, rejected, 0.2, 1.0);

        assertEquals(Regime.CONSTANT, verdict.regime());
    }

    @Test
    void maximumMatchesDirectObjective() {
        SplittableRandom random = new SplittableRandom(11);
        int checked = 0;
        for (int trial = 0; trial < 20; trial++) {
            double alpha = random.nextDouble();
            double beta = 3.0 * random.nextDouble() + 1.0;
            double[] accepted = normal(random, 3, 0.5, 1.0);
            double[] rejected = normal(random, 4, -0.5, 2.0);
            double referenceMean = random.nextDouble() - 0.5;
            double referenceStd = Math.exp(random.nextDouble() - 0.5);
            Verdict verdict = PmpoBoundedness.analyse(alpha, beta, accepted, rejected, referenceMean, referenceStd);
            if (!verdict.hasUniqueMaximum()) {
                continue;
            }
            double mu = verdict.optimalMean();
            double sigma = verdict.optimalStd();
            double c = verdict.varianceCoefficient();

            // At σ*² = Q*/c: J* = −c·log σ* − c/2 + K with K = −(2α − 1)·½ log 2π + β·(log σ_ref + ½).
            double constant = -(2 * alpha - 1) * 0.5 * Math.log(2 * Math.PI) + beta * (Math.log(referenceStd) + 0.5);
            double expected = -c * Math.log(sigma) - 0.5 * c + constant;
            double atMaximum = objective(alpha, beta, accepted, rejected, referenceMean, referenceStd, mu, sigma);
            assertEquals(expected, atMaximum, 1e-12, "trial " + trial);

            // The gradient in (μ, log σ) vanishes, and moving away in any direction lowers J.
            double[] gradient = NumericalGradient.centralDifference(
                    p -> objective(alpha, beta, accepted, rejected, referenceMean, referenceStd, p[0], Math.exp(p[1])),
                    new double[] {mu, Math.log(sigma)}, 1e-5);
            assertEquals(0.0, gradient[0], 1e-8, "dJ/dmean, trial " + trial);
            assertEquals(0.0, gradient[1], 1e-8, "dJ/dlogStd, trial " + trial);
            for (double[] step : new double[][] {{0.05, 0}, {-0.05, 0}, {0, 0.05}, {0, -0.05}, {0.03, -0.03}}) {
                double moved = objective(alpha, beta, accepted, rejected, referenceMean, referenceStd,
                        mu + step[0], sigma * Math.exp(step[1]));
                assertTrue(moved < atMaximum, "trial " + trial);
            }
            checked++;
        }
        assertTrue(checked >= 10, "only " + checked + " of 20 draws had a maximum");
    }

    @Test
    void collapseVerdictGrowsAsStdVanishes() {
        // α = 0, β = 3, D_r = {−2, 2}: Q* = −1 at μ* = 0, so J(0, σ) ≥ −2·log σ + K grows as σ → 0.
        double[] rejected = {-2.0, 2.0};
        double previous = Double.NEGATIVE_INFINITY;
        for (double sigma : new double[] {1e-1, 1e-3, 1e-6}) {
            double value = objective(0.0, 3.0, NONE, rejected, 0.0, 1.0, 0.0, sigma);
            assertTrue(value > previous + 1.0, "sigma " + sigma);
            previous = value;
        }
    }

    @Test
    void negativeCoefficientGrowsAsStdGrows() {
        // α = 0, β = 0.5: c = −0.5, so J(μ_ref, σ) ≈ 0.5·log σ + const grows as σ → ∞.
        double[] rejected = {-1.0, 0.5};
        double previous = Double.NEGATIVE_INFINITY;
        for (double sigma : new double[] {1e1, 1e3, 1e6}) {
            double value = objective(0.0, 0.5, NONE, rejected, 0.0, 1.0, 0.0, sigma);
            assertTrue(value > previous + 1.0, "sigma " + sigma);
            previous = value;
        }
    }

    @Test
    void criticalBetaSeparatesVerdicts() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            double alpha = random.nextInt(5) == 0 ? 0.0 : random.nextDouble();
            double[] accepted = normal(random, 1 + random.nextInt(4), 0.5, 1.0);
            double[] rejected = normal(random, 1 + random.nextInt(4), -0.5, 2.0);
            double referenceMean = random.nextDouble() - 0.5;
            double referenceStd = Math.exp(random.nextDouble() - 0.5);
            double critical = PmpoBoundedness.criticalBeta(alpha, accepted, rejected, referenceMean, referenceStd);
            String label = "trial " + trial + ", beta* = " + critical;

            assertTrue(Double.isFinite(critical), label);
            assertTrue(critical >= 0.0, label);
            double above = critical * (1 + 1e-6) + 1e-9;
            assertTrue(PmpoBoundedness.analyse(alpha, above, accepted, rejected, referenceMean, referenceStd)
                    .hasUniqueMaximum(), label);
            if (critical > 1e-6) {
                double below = critical * (1 - 1e-6);
                assertFalse(PmpoBoundedness.analyse(alpha, below, accepted, rejected, referenceMean, referenceStd)
                        .hasUniqueMaximum(), label);
                // Verdicts only flip once: halfway down there is no maximum either.
                assertFalse(PmpoBoundedness.analyse(alpha, critical / 2, accepted, rejected, referenceMean,
                        referenceStd).hasUniqueMaximum(), label);
            }
        }
    }

    @Test
    void verdictCarriesCriticalBeta() {
        double[] rejected = {-2.0, 2.0};
        Verdict verdict = PmpoBoundedness.analyse(0.0, 3.0, NONE, rejected, 0.0, 1.0);

        assertEquals(4.0, verdict.criticalBeta(), 1e-14);
        assertTrue(verdict.reason().contains("beta > 4.00000"), verdict.reason());
    }

    @Test
    void dimensionsAreAnalysedSeparately() {
        double[][] accepted = {{1, 0.3}, {2, 0.3}, {4, 0.3}};
        double[][] rejected = {{0, -2}, {1, 2}};
        double[] referenceMean = {0.0, 0.0};
        double[] referenceStd = {1.0, 1.0};

        List<Verdict> verdicts = PmpoBoundedness.analyse(0.5, 0.7, accepted, rejected, referenceMean, referenceStd);

        assertEquals(2, verdicts.size());
        assertEquals(PmpoBoundedness.analyse(0.5, 0.7, new double[] {1, 2, 4}, new double[] {0, 1}, 0.0, 1.0),
                verdicts.get(0));
        assertEquals(PmpoBoundedness.analyse(0.5, 0.7, new double[] {0.3, 0.3, 0.3}, new double[] {-2, 2}, 0.0, 1.0),
                verdicts.get(1));

        double first = PmpoBoundedness.criticalBeta(0.5, new double[] {1, 2, 4}, new double[] {0, 1}, 0.0, 1.0);
        double second = PmpoBoundedness.criticalBeta(0.5, new double[] {0.3, 0.3, 0.3}, new double[] {-2, 2}, 0.0, 1.0);
        assertEquals(Math.max(first, second),
                PmpoBoundedness.criticalBeta(0.5, accepted, rejected, referenceMean, referenceStd), 0.0);
    }

    @Test
    void emptySetWithZeroWeightIsAllowed() {
        // α = 1 ignores D_r, and α = 0 ignores D_a, so either may be empty there.
        assertTrue(PmpoBoundedness.analyse(1.0, 0.0, new double[] {0, 1}, NONE, 0.0, 1.0).hasUniqueMaximum());
        assertTrue(PmpoBoundedness.analyse(0.0, 2.0, NONE, new double[] {0}, 0.0, 1.0).hasUniqueMaximum());
        List<Verdict> verdicts = PmpoBoundedness.analyse(1.0, 0.0, new double[][] {{0}, {1}}, new double[0][1],
                new double[] {0}, new double[] {1});
        assertTrue(verdicts.get(0).hasUniqueMaximum());
    }

    @Test
    void invalidAlphaIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(1.5, 0.0, new double[] {0}, new double[] {0}, 0.0, 1.0));
        assertEquals("alpha must be in [0, 1], got 1.5; use 1 for accept-only, 0 for reject-only or 0.5 for both",
                e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.criticalBeta(Double.NaN, new double[] {0}, new double[] {0}, 0.0, 1.0));
        assertTrue(nan.getMessage().startsWith("alpha must be in [0, 1], got NaN"), nan.getMessage());
    }

    @Test
    void invalidBetaIsRejected() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, -1.0, new double[] {0}, new double[] {0}, 0.0, 1.0));
        assertEquals("beta must be finite and >= 0, got -1.0; use 0 to drop the KL term", negative.getMessage());
        IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, Double.POSITIVE_INFINITY, new double[] {0}, new double[] {0}, 0, 1));
        assertTrue(infinite.getMessage().startsWith("beta must be finite and >= 0, got Infinity"));
    }

    @Test
    void emptyWeightedSetIsRejected() {
        IllegalArgumentException accepted = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, 1.0, NONE, new double[] {0}, 0.0, 1.0));
        assertEquals("accepted is empty, but alpha = 0.5 > 0 needs accepted samples; pass at least one or use"
                + " alpha = 0 (reject-only)", accepted.getMessage());
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.criticalBeta(0.5, new double[] {0}, NONE, 0.0, 1.0));
        assertEquals("rejected is empty, but alpha = 0.5 < 1 needs rejected samples; pass at least one or use"
                + " alpha = 1 (accept-only)", rejected.getMessage());
    }

    @Test
    void nullSamplesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(1.0, 0.0, new double[] {0}, null, 0.0, 1.0));
        assertEquals("rejected must not be null; pass an empty array when 1 - alpha = 0", e.getMessage());
    }

    @Test
    void nonFiniteSampleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, 1.0, new double[] {0, 1, Double.NaN}, new double[] {0}, 0.0, 1.0));
        assertEquals("accepted[2] must be finite, got NaN; remove or replace that sample", e.getMessage());
        // A set with weight 0 is still checked, because a NaN there points to broken data.
        IllegalArgumentException ignored = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(1.0, 1.0, new double[] {0}, new double[] {Double.NEGATIVE_INFINITY},
                        0.0, 1.0));
        assertEquals("rejected[0] must be finite, got -Infinity; remove or replace that sample", ignored.getMessage());
    }

    @Test
    void invalidReferenceIsRejected() {
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, 1.0, new double[] {0}, new double[] {0}, 0.0, 0.0));
        assertEquals("referenceStd must be finite and > 0, got 0.0; pass the standard deviation of the reference"
                + " policy", std.getMessage());
        IllegalArgumentException mean = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.criticalBeta(0.5, new double[] {0}, new double[] {0}, Double.NaN, 1.0));
        assertEquals("referenceMean must be finite, got NaN; pass the mean of the reference policy", mean.getMessage());
    }

    @Test
    void mismatchedShapesAreRejected() {
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, 1.0, new double[][] {{0, 0}, {1}}, new double[][] {{0, 0}},
                        new double[] {0, 0}, new double[] {1, 1}));
        assertEquals("accepted[1] has length 1, but the reference has D = 2 dimensions; pass rows of shape (D)",
                row.getMessage());
        IllegalArgumentException reference = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.criticalBeta(0.5, new double[][] {{0}}, new double[][] {{0}},
                        new double[] {0}, new double[] {1, 1}));
        assertEquals("referenceMean and referenceStd must have the same length D >= 1, got 1 and 2; pass one mean"
                + " and one standard deviation per action dimension", reference.getMessage());
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
                () -> PmpoBoundedness.analyse(0.5, 1.0, new double[][] {{0, 0}}, new double[][] {{0, 0}},
                        new double[] {0, 0}, new double[] {1, -1}));
        assertEquals("referenceStd[1] must be finite and > 0, got -1.0; pass the standard deviation of the"
                + " reference policy", std.getMessage());
    }

    @Test
    void verdictWithoutReasonIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Verdict(Regime.CONSTANT, 0, 0, Double.NaN, Double.NaN, 0, null));
        assertEquals("regime and reason must not be null; build verdicts with PmpoBoundedness.analyse", e.getMessage());
    }

    /** Evaluates J(μ, σ) for one dimension from DJL's Gaussian log-density and closed-form KL. */
    static double objective(double alpha, double beta, double[] accepted, double[] rejected, double referenceMean,
            double referenceStd, double mean, double std) {
        try (NDManager manager = NDManager.newBaseManager()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, new double[] {mean}, new double[] {std}, false);
            GaussianPolicy reference = GaussianPolicy.create(manager, new double[] {referenceMean},
                    new double[] {referenceStd}, false);
            double value = -beta * GaussianPolicy.kl(reference.mean(), reference.logStd(), policy.mean(),
                    policy.logStd()).getDouble();
            if (accepted.length > 0) {
                value += alpha * policy.logProb(manager.create(accepted).reshape(-1, 1)).mean().getDouble();
            }
            if (rejected.length > 0) {
                value -= (1.0 - alpha) * policy.logProb(manager.create(rejected).reshape(-1, 1)).mean().getDouble();
            }
            return value;
        }
    }

    private static double[] normal(SplittableRandom random, int n, double mean, double std) {
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
            samples[i] = mean + std * random.nextGaussian();
        }
        return samples;
    }
}
