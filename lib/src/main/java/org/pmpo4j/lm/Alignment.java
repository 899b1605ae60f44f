package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.pmpo4j.experiment.Provenance;
import org.pmpo4j.experiment.Scale;
import org.pmpo4j.experiment.SweepResult;
import org.pmpo4j.feedback.Feedback;
import org.pmpo4j.feedback.TopBottomSelector;
import org.pmpo4j.objective.ObjectiveResult;
import org.pmpo4j.text.LabelledCompletion;
import org.pmpo4j.training.GradientScope;
import org.pmpo4j.training.StrictAdam;
import org.pmpo4j.training.TorchThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

/**
 * Aligns a pretrained language model with a reward model, the language experiment of Abdolmaleki et al., "Learning
 * from negative feedback, or positive feedback or both" (ICLR 2025), at CPU scale.
 *
 * <p>π_θ starts as a copy of the base model. Each step:
 * <ol>
 *   <li>takes the next C training prompts in a seeded order, each as the beginning-of-sequence id followed by the
 *       prompt's tokens;
 *   <li>samples N completions per prompt from π_ref, which is the base model, or the latest copy of π_θ when
 *       {@link AlignmentConfig#referenceRefreshInterval()} is positive;
 *   <li>scores prompt + completion with the reward model and, per prompt, accepts the best k_a and rejects the
 *       worst k_r ({@link TopBottomSelector});
 *   <li>takes one Adam step ({@link StrictAdam}) on the method's loss ({@link AlignmentLoss}), where PMPO's
 *       regulariser is the exact per-token KL(π_ref ‖ π_θ) summed along π_ref's own samples
 *       ({@link CompletionLogProbs#sequenceKl}).
 * </ol>
 *
 * <p>Every {@link AlignmentConfig#evaluationInterval()} steps, and before the first step, a row is recorded. The
 * columns are listed in {@link #COLUMNS}:
 * {@code reward/policy} (mean reward of one π_θ completion per evaluation prompt),
 * {@code win_rate/base} (the judge's win rate of those completions against base-model completions of the same
 * prompts, drawn once per run), {@code kl/base} (mean over evaluation prompts of KL(π_base ‖ π_θ), exact per token
 * and summed along the base completions) and {@code length/policy} (mean completion length in tokens). The training
 * columns average the steps since the previous row and are empty in row 0: {@code reward/samples} (mean reward of
 * the π_ref samples), {@code loss}, {@code kl/reference} (mean per-completion KL(π_ref ‖ π_θ) before the step), and
 * {@code logp/accepted} and {@code logp/rejected} (log π_θ of D_a and D_r before the step, averaged per prompt and
 * then over prompts). {@code unstable} is 1 from the step whose log-probabilities or loss stopped being finite; the
 * policy is frozen from there on.
 *
 * <p>Every random draw comes from a generator seeded by (seed, purpose, step), so the same configuration and inputs
 * give the same table on every run in the same environment. Evaluation samples use the same seeds for every
 * method, so methods are compared on common random numbers.
 */
public final class Alignment {

    /** Columns of the progress table, in order. */
    public static final List<String> COLUMNS = List.of("method", "seed", "step", "prompts", "reward/policy",
            "win_rate/base", "kl/base", "length/policy", "reward/samples", "loss", "kl/reference", "logp/accepted",
            "logp/rejected", "unstable");

    private static final Logger LOG = LoggerFactory.getLogger(Alignment.class);
    static final long TRAINING_SAMPLES = 1;
    static final long EVALUATION_SAMPLES = 2;
    private static final long BASE_SAMPLES = 3;
    private static final long PROMPT_ORDER = 4;

    private Alignment() {
    }

    /**
     * Runs one configuration.
     *
     * @throws IllegalArgumentException if a prompt plus {@code maxNewTokens} does not fit the base model's context
     */
    public static AlignmentResult run(AlignmentConfig config, AlignmentInputs inputs) {
        return run(config, inputs, null, 1, config.steps());
    }

    /**
     * Runs one configuration with checkpoints: continues from the newest checkpoint in {@code checkpointDirectory}
     * (or starts when it contains none) and writes a checkpoint every {@code checkpointInterval} steps and at the
     * last step. A run killed at any point and started again with the same arguments returns the same result as an
     * uninterrupted run in the same environment.
     *
     * @param checkpointInterval steps between checkpoints, a positive multiple of the evaluation interval
     * @throws IllegalArgumentException if the interval is not such a multiple, or the folder contains a checkpoint of
     *     another configuration
     */
    public static AlignmentResult run(AlignmentConfig config, AlignmentInputs inputs, Path checkpointDirectory,
            int checkpointInterval) {
        if (checkpointInterval < 1 || checkpointInterval % config.evaluationInterval() != 0) {
            throw new IllegalArgumentException("checkpointInterval must be a positive multiple of the evaluation"
                    + " interval " + config.evaluationInterval() + ", got " + checkpointInterval
                    + "; checkpoints are written at evaluation rows");
        }
        return run(config, inputs, checkpointDirectory, checkpointInterval, config.steps());
    }

    /** Runs until {@code lastStep} (at most the configured steps), so that tests can stop a run part way. */
    static AlignmentResult run(AlignmentConfig config, AlignmentInputs inputs, Path checkpointDirectory,
            int checkpointInterval, int lastStep) {
        TorchThreads.useLanguageModelThreads();
        TransformerLm base = inputs.base();
        TextTokenizer tokenizer = inputs.tokenizer();
        int[][] trainingPrompts = encodePrompts("training", inputs.trainingPrompts(), tokenizer, base, config);
        int[][] evaluationPrompts = encodePrompts("evaluation", inputs.evaluationPrompts(), tokenizer, base,
                config);
        long start = System.nanoTime();
        LOG.info("alignment {} (seed {}): {} steps of {} prompts x {} completions", config.method().label(),
                config.seed(), config.steps(), config.promptsPerStep(), config.samplesPerPrompt());

        ProgressRows rows = new ProgressRows(config);
        List<LabelledCompletion> feedbackRows = new ArrayList<>();
        NDManager parent = base.parameters().get(0).getManager().getParentManager();
        OptionalInt latest = checkpointDirectory == null
                ? OptionalInt.empty()
                : AlignmentCheckpoint.latestStep(checkpointDirectory);
        AlignmentCheckpoint.State saved = null;
        try (NDManager manager = parent.newSubManager();
                TransformerLm policy = base.trainableCopy(manager);
                StrictAdam optimizer = StrictAdam.builder().learningRate(config.learningRate())
                        .optBeginNumUpdate(updatesBefore(checkpointDirectory, latest)).build()) {
            TransformerLm reference = base.snapshot();
            try {
                if (latest.isPresent()) {
                    saved = AlignmentCheckpoint.read(checkpointDirectory, latest.getAsInt(), config, policy,
                            optimizer, reference, manager);
                    rows.restore(saved.rows());
                    feedbackRows.addAll(saved.feedback());
                    LOG.info("resumed alignment {} at step {} from {}", config.method().label(), saved.step(),
                            checkpointDirectory);
                }
                Samples baseSamples = Sampler.sample(base, evaluationPrompts,
                        sampling(config, tokenizer, seedFor(config.seed(), BASE_SAMPLES, 0)));
                List<String> baseTexts = texts(inputs.evaluationPrompts(), baseSamples.completions(), tokenizer);
                Evaluation evaluation = new Evaluation(config, inputs, evaluationPrompts, baseSamples, baseTexts);
                if (saved == null) {
                    rows.addEvaluation(0, evaluation.evaluate(policy, 0));
                }

                DataOrder order = new DataOrder(seedFor(config.seed(), PROMPT_ORDER, 0), trainingPrompts.length,
                        saved == null ? 0 : saved.epoch(), saved == null ? 0 : saved.cursor());
                TopBottomSelector selector = new TopBottomSelector(config.acceptCount(), config.rejectCount());
                boolean frozen = saved != null && saved.frozen();
                int updates = saved == null ? 0 : saved.updates();
                boolean refreshed = saved != null && saved.reference();
                int firstStep = saved == null ? 1 : saved.step() + 1;
                long sampledTokens = 0;
                for (int step = firstStep; step <= Math.min(lastStep, config.steps()); step++) {
                    int[] promptIndices = new int[config.promptsPerStep()];
                    for (int c = 0; c < promptIndices.length; c++) {
                        promptIndices[c] = order.next();
                    }
                    if (!frozen) {
                        StepBatch batch = StepBatch.sample(config, inputs, trainingPrompts, promptIndices, reference,
                                selector, step);
                        batch.addFeedbackRows(feedbackRows);
                        sampledTokens += batch.sampledTokens();
                        StepStatistics statistics = trainStep(config, policy, reference, optimizer, batch, step);
                        frozen = statistics.unstable();
                        updates += frozen ? 0 : 1;
                        rows.addTraining(statistics);
                    }

                    if (config.referenceRefreshInterval() > 0 && step % config.referenceRefreshInterval() == 0) {
                        reference.close();
                        reference = policy.snapshot();
                        refreshed = true;
                    }
                    if (step % config.evaluationInterval() == 0 || step == config.steps()) {
                        Evaluation.Values values = evaluation.evaluate(policy, step);
                        rows.addEvaluation(step, values);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        LOG.info(String.format(Locale.ROOT,
                                "%s step %d/%d: reward %.3f, win rate %.3f, KL to base %.3f, %.2f s/step,"
                                        + " %.0f sampled tokens/s",
                                config.method().label(), step, config.steps(), values.reward(), values.winRate(),
                                values.baseKl(), seconds / (step - firstStep + 1), sampledTokens / seconds));
                    }
                    if (checkpointDirectory != null && (step % checkpointInterval == 0 || step == config.steps())) {
                        AlignmentCheckpoint.State state = new AlignmentCheckpoint.State(step, order.epoch(),
                                order.cursor(), frozen, updates, refreshed, rows.rowValues(), feedbackRows);
                        AlignmentCheckpoint.write(checkpointDirectory, config, state, policy, optimizer, reference);
                    }
                }
            } finally {
                reference.close();
            }
        }
        LOG.info(String.format(Locale.ROOT, "alignment %s (seed %d) finished in %.1f s", config.method().label(),
                config.seed(), (System.nanoTime() - start) / 1e9));
        return new AlignmentResult(rows.table(), feedbackRows, header(List.of(config), inputs));
    }

    /** Runs every configuration in order, one after another on the calling thread. */
    public static List<AlignmentResult> runAll(List<AlignmentConfig> configs, AlignmentInputs inputs) {
        List<AlignmentResult> results = new ArrayList<>();
        for (AlignmentConfig config : configs) {
            results.add(run(config, inputs));
        }
        return results;
    }

    /**
     * Appends the progress tables of several runs under one provenance header named {@code name}, which lists every
     * run's configuration.
     */
    public static SweepResult combine(String name, List<AlignmentResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("results must contain at least one run; run a configuration first");
        }
        Table all = null;
        Map<String, String> header = new LinkedHashMap<>();
        header.put("experiment", name);
        header.put("runs", Integer.toString(results.size()));
        for (int i = 0; i < results.size(); i++) {
            Table table = results.get(i).progress();
            all = all == null ? table.copy() : all.append(table);
            header.put("config/" + i, results.get(i).header().get("config/0"));
        }
        results.get(0).header().forEach(header::putIfAbsent);
        return new SweepResult(all.setName(name), header);
    }

    /** Returns the Adam update count saved in the newest checkpoint, or 0 without one. */
    private static int updatesBefore(Path checkpointDirectory, OptionalInt latest) {
        if (latest.isEmpty()) {
            return 0;
        }
        return Integer.parseInt(Checkpoints.readState(checkpointDirectory, latest.getAsInt()).getProperty("updates"));
    }

    /**
     * Returns the provenance header of a run of {@code configs}: settings, base model, the {@code PMPO_SCALE} setting,
     * PyTorch threads, versions, machine and commit.
     */
    static Map<String, String> header(List<AlignmentConfig> configs, AlignmentInputs inputs) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("runs", Integer.toString(configs.size()));
        for (int i = 0; i < configs.size(); i++) {
            header.put("config/" + i, configs.get(i).toString());
        }
        header.put("base model", inputs.base().config() + ", " + inputs.base().parameterCount() + " parameters");
        header.put("prompts", inputs.trainingPrompts().size() + " training, " + inputs.evaluationPrompts().size()
                + " evaluation");
        header.put("scale", Scale.environmentSetting());
        header.put("torch-threads", Integer.toString(TorchThreads.languageModelThreads()));
        Provenance.addTo(header);
        return header;
    }

    /** Takes one Adam step on the method's loss and returns the step's statistics. */
    private static StepStatistics trainStep(AlignmentConfig config, TransformerLm policy, TransformerLm reference,
            StrictAdam optimizer, StepBatch batch, int step) {
        int prompts = config.promptsPerStep();
        int samples = config.samplesPerPrompt();
        int main = prompts * samples;
        NDList parameters = policy.parameters();
        StepStatistics statistics;
        try (GradientScope paused = GradientScope.paused();
                NDManager stepManager = parameters.get(0).getManager().newSubManager()) {
            NDArray ids = batch.completions().idArray(stepManager); // (R, T)
            NDArray mask = batch.completions().maskArray(stepManager); // (R, T)
            NDArray referenceLogits = reference.forward(ids); // (R, T, V)
            NDArray referenceLogProbs = CompletionLogProbs.sequenceLogProbs(referenceLogits, ids, mask); // (R)

            try (GradientScope scope = new GradientScope()) {
                NDArray logits = policy.forward(ids); // (R, T, V)
                NDArray logProbs = CompletionLogProbs.sequenceLogProbs(logits, ids, mask); // (R)
                NDArray kl = CompletionLogProbs.sequenceKl(referenceLogits, logits, ids, mask); // (R)
                double[] logProbValues = logProbs.toType(DataType.FLOAT64, false)
                        .toDoubleArray();
                double[] klValues = kl.toType(DataType.FLOAT64, false).toDoubleArray();
                if (!allFinite(logProbValues) || !allFinite(klValues)) {
                    return unstable(config, step, batch, "log-probabilities or KL");
                }

                NDArray policyMain = logProbs.get("0:" + main).reshape(prompts, samples); // (C, N)
                NDArray referenceMain = referenceLogProbs.get("0:" + main).reshape(prompts, samples); // (C, N)
                NDArray divergence = kl.get("0:" + main).reshape(prompts, samples).mean(new int[] {1}); // (C)
                NDArray policyMismatched = main < logProbValues.length ? logProbs.get(main + ":") : null; // (C)
                NDArray referenceMismatched = main < logProbValues.length
                        ? referenceLogProbs.get(main + ":") // (C)
                        : null;
                ObjectiveResult result = AlignmentLoss.compute(config.method(), policyMain, referenceMain,
                        divergence, batch.feedback(), batch.rewards(), policyMismatched, referenceMismatched);
                double loss = result.lossValue();
                if (!Double.isFinite(loss)) {
                    return unstable(config, step, batch, "loss");
                }
                scope.backward(result.loss());
                statistics = new StepStatistics(batch.meanReward(), loss, mean(klValues, 0, main),
                        batch.setMean(logProbValues, true), batch.setMean(logProbValues, false), false);
            }

            policy.applyGradients(optimizer);
        }
        return statistics;
    }

    private static StepStatistics unstable(AlignmentConfig config, int step, StepBatch batch, String what) {
        LOG.warn("{} (seed {}): {} not finite at step {}; the policy is frozen from here on",
                config.method().label(), config.seed(), what, step);
        return new StepStatistics(batch.meanReward(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, true);
    }

    /** Tokenizes prompts as BOS followed by the prompt's ids, and checks that each leaves room for a completion. */
    static int[][] encodePrompts(String set, List<String> prompts, TextTokenizer tokenizer, TransformerLm model,
            AlignmentConfig config) {
        int context = model.config().contextLength();
        int[][] encoded = new int[prompts.size()][];
        for (int i = 0; i < encoded.length; i++) {
            int[] ids = tokenizer.encode(prompts.get(i));
            encoded[i] = new int[ids.length + 1];
            encoded[i][0] = tokenizer.bosId();
            System.arraycopy(ids, 0, encoded[i], 1, ids.length);
            if (encoded[i].length + config.maxNewTokens() > context) {
                throw new IllegalArgumentException(set + " prompt " + i + " has " + encoded[i].length
                        + " tokens with BOS, and with maxNewTokens " + config.maxNewTokens() + " it needs "
                        + (encoded[i].length + config.maxNewTokens()) + ", more than the context length " + context
                        + "; use shorter prompts or lower maxNewTokens");
            }
        }
        return encoded;
    }

    static SamplingConfig sampling(AlignmentConfig config, TextTokenizer tokenizer, long seed) {
        return new SamplingConfig(config.maxNewTokens(), config.temperature(), 0, tokenizer.eosId(), seed, true);
    }

    /** Returns prompt + decoded completion for each row. */
    static List<String> texts(List<String> prompts, int[][] completions, TextTokenizer tokenizer) {
        List<String> texts = new ArrayList<>(completions.length);
        for (int i = 0; i < completions.length; i++) {
            texts.add(prompts.get(i) + tokenizer.decode(completions[i]));
        }
        return texts;
    }

    /** Returns a seed for one purpose and step of a run, so that the random streams of a run differ. */
    static long seedFor(long seed, long purpose, long step) {
        long mixed = new SplittableRandom(seed).nextLong() + purpose * 0x9E3779B97F4A7C15L
                + step * 0xC2B2AE3D27D4EB4FL;
        return new SplittableRandom(mixed).nextLong();
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** Returns the mean of values[from, to). */
    static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }

    /** Training statistics of one step; NaN where the step was unstable. */
    record StepStatistics(double reward, double loss, double referenceKl, double acceptedLogProb,
            double rejectedLogProb, boolean unstable) {
    }
}
