package org.pmpo4j.experiment;

import org.pmpo4j.analysis.BoundednessProbe;
import org.pmpo4j.analysis.PmpoBoundedness;
import org.pmpo4j.env.BenchmarkFunction;
import org.pmpo4j.env.BenchmarkFunctions;
import org.pmpo4j.feedback.Feedback;
import org.pmpo4j.feedback.TopBottomSelector;
import org.pmpo4j.policy.StandardNormal;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Scan of where one PMPO step stops being well posed, for a batch drawn exactly as a bandit iteration draws it: the
 * closed-form verdict of {@link PmpoBoundedness} beside what Adam does on the same loss ({@link BoundednessProbe}).
 */
public final class BoundaryScan {

    /**
     * One iteration's feedback in normalised coordinates.
     *
     * @param accepted the k best samples, (k, D)
     * @param rejected the k worst samples, (k, D)
     * @param referenceMean π_ref's mean, (D)
     * @param referenceStd π_ref's standard deviations, (D)
     */
    public record Batch(double[][] accepted, double[][] rejected, double[] referenceMean, double[] referenceStd) {
    }

    private BoundaryScan() {
    }

    /**
     * Draws a bandit batch: π_ref has a mean drawn uniformly from the normalised domain and standard deviation
     * {@code referenceStd} in every dimension; N samples are scored by {@code function} and the k best and k worst
     * kept.
     */
    public static Batch draw(String function, int dimension, int samples, int k, double referenceStd, long seed) {
        BenchmarkFunction benchmark = BenchmarkFunctions.byName(function);
        if (2 * k > samples || k < 1) {
            throw new IllegalArgumentException("k must be in [1, N/2] = [1, " + samples / 2 + "], got " + k);
        }
        if (!(referenceStd > 0.0)) {
            throw new IllegalArgumentException("referenceStd must be > 0, got " + referenceStd);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] mean = new double[dimension];
        double[] std = new double[dimension];
        for (int d = 0; d < dimension; d++) {
            mean[d] = random.nextDouble(-1.0, 1.0);
            std[d] = referenceStd;
        }
        double center = 0.5 * (benchmark.lowerBound() + benchmark.upperBound());
        double halfWidth = 0.5 * (benchmark.upperBound() - benchmark.lowerBound());
        double[][] points = new double[samples][dimension];
        double[] scores = new double[samples];
        for (int i = 0; i < samples; i++) {
            for (int d = 0; d < dimension; d++) {
                points[i][d] = mean[d] + std[d] * StandardNormal.next(random);
            }
            scores[i] = -BanditExperiment.valueAt(benchmark, points[i], center, halfWidth);
        }
        Feedback feedback = new TopBottomSelector(k, k).select(scores);
        return new Batch(rows(points, feedback.accepted()), rows(points, feedback.rejected()), mean, std);
    }

    /**
     * For every α and β: the closed-form regime and critical β, and whether Adam on the same loss diverged.
     * Columns: {@code alpha}, {@code beta}, {@code critical_beta}, {@code closed_form} (regime name),
     * {@code bounded} (closed form), {@code probe_diverged} and {@code probe_reason}.
     */
    public static Table scan(Batch batch, List<Double> alphas, List<Double> betas, BoundednessProbe.Settings settings) {
        DoubleColumn alphaColumn = DoubleColumn.create("alpha");
        DoubleColumn betaColumn = DoubleColumn.create("beta");
        DoubleColumn critical = DoubleColumn.create("critical_beta");
        StringColumn regime = StringColumn.create("closed_form");
        BooleanColumn bounded = BooleanColumn.create("bounded");
        BooleanColumn diverged = BooleanColumn.create("probe_diverged");
        StringColumn reason = StringColumn.create("probe_reason");
        for (double alpha : alphas) {
            double criticalBeta = PmpoBoundedness.criticalBeta(alpha, batch.accepted(), batch.rejected(),
                    batch.referenceMean(), batch.referenceStd());
            for (double beta : betas) {
                List<PmpoBoundedness.Verdict> verdicts = PmpoBoundedness.analyse(alpha, beta, batch.accepted(),
                        batch.rejected(), batch.referenceMean(), batch.referenceStd());
                PmpoBoundedness.Verdict worst = verdicts.stream().filter(verdict -> !verdict.hasUniqueMaximum())
                        .findFirst().orElse(verdicts.get(0));
                BoundednessProbe.Outcome outcome = BoundednessProbe.run(alpha, beta, batch.accepted(),
                        batch.rejected(), batch.referenceMean(), batch.referenceStd(), settings);
                alphaColumn.append(alpha);
                betaColumn.append(beta);
                critical.append(criticalBeta);
                regime.append(worst.regime().name());
                bounded.append(verdicts.stream().allMatch(PmpoBoundedness.Verdict::hasUniqueMaximum));
                diverged.append(outcome.diverged());
                reason.append(outcome.reason());
            }
        }
        return Table.create("boundary", alphaColumn, betaColumn, critical, regime, bounded, diverged, reason);
    }

    private static double[][] rows(double[][] points, int[] indices) {
        double[][] selected = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            selected[i] = points[indices[i]].clone();
        }
        return selected;
    }
}
