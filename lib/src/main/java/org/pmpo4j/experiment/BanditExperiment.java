package org.pmpo4j.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pmpo4j.env.BenchmarkFunction;
import org.pmpo4j.env.BenchmarkFunctions;
import org.pmpo4j.feedback.Feedback;
import org.pmpo4j.feedback.TopBottomSelector;
import org.pmpo4j.objective.ObjectiveResult;
import org.pmpo4j.policy.GaussianPolicy;
import org.pmpo4j.training.GradientScope;
import org.pmpo4j.training.StrictAdam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs one bandit experiment: a diagonal Gaussian policy minimising a benchmark function from top-k / bottom-k
 * feedback.
 *
 * <p>The policy searches normalised coordinates z; a sample is scored at the domain point nearest to c + h·z, where
 * c is the domain's centre and h its half-width.
 *
 * <p>Each iteration follows the same steps: snapshot π_θ as π_ref; draw N samples from π_ref and score them by the
 * negated function value; select D_a and D_r; take M Adam steps on the method's loss; record one row. Row 0 is the
 * initial policy. Everything random comes from one {@link SplittableRandom} seeded by the configuration, so the same
 * configuration always produces the same table.
 *
 * <p>Columns: {@code function}, {@code method}, {@code seed}, {@code iteration}, {@code evaluations} (function
 * evaluations so far), {@code value} (f at the policy mean), {@code regret} (value − f*), {@code score/mean} and
 * {@code score/best} (of the batch just drawn, score = −f), {@code loss} (mean over the iteration's steps),
 * {@code kl/reference} (KL(π_ref ‖ π_θ) after the steps), {@code std/mean} (mean standard deviation in normalised
 * units), {@code logp/accepted} and {@code logp/rejected} (mean log π_θ of D_a and D_r after the steps; empty when the
 * set is empty), {@code unstable} (1 from the iteration where the run became unstable, with
 * {@link BanditConfig#freezeWhenUnstable()}).
 *
 * <p>A run is unstable when its loss is not finite or its policy leaves the range where updates mean anything (see
 * {@link #MIN_STD} and {@link #MAX_STD}); PMPO with too small a β does this by design. By default that stops the run
 * with an error naming the iteration, method and seed; with {@code freezeWhenUnstable} the policy is frozen instead and
 * the remaining rows record it unchanged, so a sensitivity study can report the breakdown as a result.
 */
public final class BanditExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(BanditExperiment.class);

    /** Smallest standard deviation, in normalised units, before a run counts as collapsed. */
    public static final double MIN_STD = 1e-8;
    /** Largest standard deviation or mean coordinate, in normalised units, before a run counts as diverged. */
    public static final double MAX_STD = 1e4;

    static {
        EngineSettings.useSingleThreadedKernels();
    }

    private BanditExperiment() {
    }

    /** Runs {@code config} and returns one row per iteration, plus row 0 for the initial policy. */
    public static Table run(BanditConfig config) {
        return run(config, BenchmarkFunctions.byName(config.function()));
    }

    /**
     * Runs {@code config} on a function of the caller's, e.g. a new benchmark; {@code config.function()} then only
     * labels the rows.
     */
    public static Table run(BanditConfig config, BenchmarkFunction function) {
        if (config.dimension() < function.minDimension()) {
            throw new IllegalArgumentException(function.name() + " needs dimension >= " + function.minDimension()
                    + ", got " + config.dimension());
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        SplittableRandom auxiliaryRandom = random.split();
        int dimension = config.dimension();
        double center = 0.5 * (function.lowerBound() + function.upperBound());
        double halfWidth = 0.5 * (function.upperBound() - function.lowerBound());
        double optimalValue = function.optimalValue(dimension);

        double[] initialMean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            initialMean[i] = random.nextDouble(-1.0, 1.0);
        }
        double[] initialStd = new double[dimension];
        java.util.Arrays.fill(initialStd, config.initialStd());

        EngineSettings.useOneIntraOpThreadOnThisThread();
        Rows rows = new Rows(config);
        TopBottomSelector selector = new TopBottomSelector(config.acceptCount(), config.rejectCount());
        try (GradientScope paused = GradientScope.paused();
                NDManager manager = NDManager.newBaseManager();
                StrictAdam optimizer = StrictAdam.builder().learningRate(config.learningRate()).build();
                StrictAdam dualOptimizer = StrictAdam.builder().learningRate(MethodStep.DUAL_LEARNING_RATE).build()) {
            GaussianPolicy policy = GaussianPolicy.create(manager, initialMean, initialStd, true);
            MethodStep step = MethodStep.create(config.method(), manager, auxiliaryRandom);
            rows.addInitial(valueAt(function, policy.meanValues(), center, halfWidth), optimalValue,
                    mean(policy.stdValues()));

            boolean frozen = false;
            for (int iteration = 1; iteration <= config.iterations(); iteration++) {
                if (frozen) {
                    double[] mean = policy.meanValues();
                    rows.addFrozen(iteration, config.samples() * iteration, valueAt(function, mean, center, halfWidth),
                            optimalValue, mean(policy.stdValues()));
                    continue;
                }
                try (NDManager iterationManager = manager.newSubManager()) {
                    GaussianPolicy reference = policy.snapshot(iterationManager);
                    double[][] samples = reference.sample(config.samples(), random);
                    double[] scores = score(function, samples, center, halfWidth, config, iteration);
                    Feedback feedback = selector.select(scores);
                    Batch batch = new Batch(iterationManager, samples, scores, feedback);

                    double lossSum = 0.0;
                    int stepsTaken = 0;
                    for (int gradientStep = 0; gradientStep < config.gradientSteps() && !frozen; gradientStep++) {
                        double loss = takeStep(manager, policy, reference, batch, step, optimizer, dualOptimizer);
                        if (!Double.isFinite(loss)) {
                            if (!config.freezeWhenUnstable()) {
                                throw UnstableRunException.nonFiniteLoss(config, iteration, loss);
                            }
                            frozen = true;
                        } else {
                            lossSum += loss;
                            stepsTaken++;
                            if (outsideStableRange(policy)) {
                                if (!config.freezeWhenUnstable()) {
                                    throw outOfRange(config, iteration, policy);
                                }
                                frozen = true;
                            }
                        }
                    }

                    double[] mean = policy.meanValues();
                    double[] std = policy.stdValues();
                    rows.add(iteration, config.samples() * iteration,
                            valueAt(function, mean, center, halfWidth), optimalValue, scores,
                            stepsTaken == 0 ? Double.NaN : lossSum / stepsTaken,
                            GaussianMath.kl(reference.meanValues(), reference.stdValues(), mean, std),
                            mean(std),
                            GaussianMath.meanLogDensity(mean, std, samples, feedback.accepted()),
                            GaussianMath.meanLogDensity(mean, std, samples, feedback.rejected()),
                            frozen);
                    if (frozen) {
                        LOG.debug("{} on {} (seed {}) became unstable at iteration {}; policy frozen",
                                config.method().label(), config.function(), config.seed(), iteration);
                    }
                }
            }
        }
        LOG.debug("finished {} on {} (seed {})", config.method().label(), config.function(), config.seed());
        return rows.table();
    }

    /** One Adam step on the method's loss; returns the loss before the step. */
    private static double takeStep(NDManager manager, GaussianPolicy policy, GaussianPolicy reference, Batch batch,
            MethodStep step, StrictAdam optimizer, StrictAdam dualOptimizer) {
        NDList parameters = policy.parameters();
        NDList duals = step.dualParameters();
        NDArray[] gradients = new NDArray[parameters.size()];
        NDArray[] dualGradients = new NDArray[duals.size()];
        double loss;
        // Operations attach their results to the manager of their first operand, often a parameter; attaching the
        // parameters to a step manager for the duration of the step frees every intermediate array when it closes.
        try (NDManager stepManager = manager.newSubManager()) {
            parameters.forEach(parameter -> parameter.tempAttach(stepManager));
            duals.forEach(dual -> dual.tempAttach(stepManager));
            try (GradientScope scope = new GradientScope()) {
                ObjectiveResult result = step.loss(reference, policy, batch);
                loss = result.loss().toType(DataType.FLOAT64, false).getDouble();
                scope.backward(result.loss());
            }
            for (int i = 0; i < gradients.length; i++) {
                gradients[i] = parameters.get(i).getGradient();
                gradients[i].attach(manager);
            }
            for (int i = 0; i < dualGradients.length; i++) {
                dualGradients[i] = duals.get(i).getGradient();
                dualGradients[i].attach(manager);
            }
        }
        // Adam's moment estimates are created on the parameter's manager, so the update runs after the parameters
        // are back on the run's manager.
        // PyTorch adds each backward pass into the stored gradients, so they are zeroed after use. A non-finite loss
        // has non-finite gradients, so the parameters are left as they were.
        boolean finite = Double.isFinite(loss);
        for (int i = 0; i < gradients.length; i++) {
            if (finite) {
                optimizer.update("policy/" + i, parameters.get(i), gradients[i]);
            }
            gradients[i].subi(gradients[i]);
            gradients[i].close();
        }
        for (int i = 0; i < dualGradients.length; i++) {
            if (finite) {
                dualOptimizer.update("dual/" + i, duals.get(i), dualGradients[i]);
            }
            dualGradients[i].subi(dualGradients[i]);
            dualGradients[i].close();
        }
        return loss;
    }

    /**
     * Whether the policy has left the range where its updates mean anything: a standard deviation outside
     * [{@value #MIN_STD}, {@value #MAX_STD}] or a mean coordinate beyond {@value #MAX_STD} (normalised units).
     */
    private static boolean outsideStableRange(GaussianPolicy policy) {
        for (double std : policy.stdValues()) {
            if (!(std >= MIN_STD && std <= MAX_STD)) {
                return true;
            }
        }
        for (double mean : policy.meanValues()) {
            if (!(Math.abs(mean) <= MAX_STD)) {
                return true;
            }
        }
        return false;
    }

    private static UnstableRunException outOfRange(BanditConfig config, int iteration, GaussianPolicy policy) {
        double[] std = policy.stdValues();
        double maxAbsMean = 0.0;
        for (double mean : policy.meanValues()) {
            maxAbsMean = Math.max(maxAbsMean, Math.abs(mean));
        }
        return UnstableRunException.policyOutOfRange(config, iteration, java.util.Arrays.stream(std).min().orElse(0),
                java.util.Arrays.stream(std).max().orElse(0), maxAbsMean);
    }

    private static double[] score(BenchmarkFunction function, double[][] samples, double center, double halfWidth,
            BanditConfig config, int iteration) {
        double[] scores = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            double value = valueAt(function, samples[i], center, halfWidth);
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("function " + config.function() + " returned " + value
                        + " for sample " + i + " at iteration " + iteration + " (method " + config.method().label()
                        + ", seed " + config.seed() + "); the benchmark function must return finite values");
            }
            scores[i] = -value;
        }
        return scores;
    }

    /**
     * Evaluates {@code function} at the point of its domain nearest to x = c + h·z. Clipping keeps a policy that
     * spreads beyond the domain from finding values below the documented optimum: Schwefel 2.26, for one, decreases
     * without bound outside [−500, 500].
     */
    static double valueAt(BenchmarkFunction function, double[] normalised, double center, double halfWidth) {
        double[] x = new double[normalised.length];
        for (int i = 0; i < x.length; i++) {
            double unclipped = center + halfWidth * normalised[i];
            x[i] = Math.max(function.lowerBound(), Math.min(function.upperBound(), unclipped));
        }
        return function.value(x);
    }

    private static double mean(double[] values) {
        double sum = 0.0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Samples of one iteration as arrays on the iteration's manager, split by feedback. */
    static final class Batch {
        final double[][] samples;
        final double[] scores;
        final Feedback feedback;
        final NDArray all;        // (N, D)
        final NDArray accepted;   // (k_a, D)
        final NDArray rejected;   // (k_r, D)

        Batch(NDManager manager, double[][] samples, double[] scores, Feedback feedback) {
            this.samples = samples;
            this.scores = scores;
            this.feedback = feedback;
            int dimension = samples[0].length;
            this.all = rowsOf(manager, samples, null, dimension);
            this.accepted = rowsOf(manager, samples, feedback.accepted(), dimension);
            this.rejected = rowsOf(manager, samples, feedback.rejected(), dimension);
        }

        NDArray rows(int[] indices) {
            return rowsOf(all.getManager(), samples, indices, samples[0].length);
        }

        private static NDArray rowsOf(NDManager manager, double[][] samples, int[] indices, int dimension) {
            int count = indices == null ? samples.length : indices.length;
            if (count == 0) {
                return manager.zeros(new Shape(0, dimension), DataType.FLOAT64);
            }
            double[] flat = new double[count * dimension];
            for (int row = 0; row < count; row++) {
                int source = indices == null ? row : indices[row];
                System.arraycopy(samples[source], 0, flat, row * dimension, dimension);
            }
            return manager.create(flat, new Shape(count, dimension));
        }
    }

    /** Accumulates the result columns. */
    private static final class Rows {
        private final BanditConfig config;
        private final List<Object[]> rows = new ArrayList<>();

        Rows(BanditConfig config) {
            this.config = config;
        }

        void addInitial(double value, double optimalValue, double stdMean) {
            rows.add(new Object[] {0, 0, value, value - optimalValue, Double.NaN, Double.NaN, Double.NaN, 0.0, stdMean,
                Double.NaN, Double.NaN, false});
        }

        void addFrozen(int iteration, int evaluations, double value, double optimalValue, double stdMean) {
            rows.add(new Object[] {iteration, evaluations, value, value - optimalValue, Double.NaN, Double.NaN,
                Double.NaN, 0.0, stdMean, Double.NaN, Double.NaN, true});
        }

        void add(int iteration, int evaluations, double value, double optimalValue, double[] scores, double loss,
                double kl, double stdMean, double logpAccepted, double logpRejected, boolean unstable) {
            double best = Double.NEGATIVE_INFINITY;
            double sum = 0.0;
            for (double score : scores) {
                best = Math.max(best, score);
                sum += score;
            }
            rows.add(new Object[] {iteration, evaluations, value, value - optimalValue, sum / scores.length, best, loss,
                kl, stdMean, logpAccepted, logpRejected, unstable});
        }

        Table table() {
            int n = rows.size();
            StringColumn function = StringColumn.create("function");
            StringColumn method = StringColumn.create("method");
            LongColumn seed = LongColumn.create("seed");
            IntColumn iteration = IntColumn.create("iteration");
            IntColumn evaluations = IntColumn.create("evaluations");
            String[] doubleNames = {"value", "regret", "score/mean", "score/best", "loss", "kl/reference", "std/mean",
                "logp/accepted", "logp/rejected"};
            DoubleColumn[] doubles = new DoubleColumn[doubleNames.length];
            for (int i = 0; i < doubles.length; i++) {
                doubles[i] = DoubleColumn.create(doubleNames[i]);
            }
            for (int r = 0; r < n; r++) {
                Object[] row = rows.get(r);
                function.append(config.function());
                method.append(config.method().label());
                seed.append(config.seed());
                iteration.append((Integer) row[0]);
                evaluations.append((Integer) row[1]);
                for (int i = 0; i < doubles.length; i++) {
                    double value = (Double) row[i + 2];
                    if (Double.isInfinite(value)) {
                        value = Double.NaN;
                    }
                    if (Double.isNaN(value)) {
                        doubles[i].appendMissing();
                    } else {
                        doubles[i].append(value);
                    }
                }
            }
            IntColumn unstable = IntColumn.create("unstable");
            for (Object[] row : rows) {
                unstable.append((Boolean) row[11] ? 1 : 0);
            }
            Table table = Table.create("bandit", function, method, seed, iteration, evaluations);
            table.addColumns(doubles);
            table.addColumns(unstable);
            return table;
        }
    }
}
