package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pmpo4j.experiment.Method;
import org.pmpo4j.objective.ObjectiveResult;
import org.pmpo4j.objective.Pmpo;
import org.pmpo4j.text.FeedbackJsonl;
import org.pmpo4j.text.LabelledCompletion;
import org.pmpo4j.training.GradientScope;
import org.pmpo4j.training.StrictAdam;
import org.pmpo4j.training.TorchThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Trains a language model with PMPO on a fixed set of unpaired, labelled completions, such as thumbs-up and
 * thumbs-down data in JSON lines ({@link FeedbackJsonl}): the offline counterpart of {@link Alignment}.
 *
 * <p>Each row is tokenized as BOS, the prompt, the completion and EOS; the completion and EOS are scored. Each step
 * draws {@code batchSize} accepted rows (when α &gt; 0) and {@code batchSize} rejected rows (when α &lt; 1), each set
 * in its own seeded order that reshuffles after every pass, and minimises
 * −α·mean_{D_a} log π_θ(y|x) + (1 − α)·mean_{D_r} log π_θ(y|x) + β·KL(π_ref ‖ π_θ) over the batch ({@link Pmpo}).
 * The KL is exact per token and summed over each completion, but it runs along the data's completions rather than
 * π_ref's own samples, so it is an estimate of the divergence on the data's support.
 *
 * <p>The table has one row per step: {@code step}, {@code loss}, {@code logp/accepted}, {@code logp/rejected} (mean
 * log π_θ of each set in the batch before the step, missing for an unused set) and {@code kl/reference}.
 */
public final class FeedbackTraining {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackTraining.class);

    private FeedbackTraining() {
    }

    /**
     * Settings of offline PMPO training.
     *
     * @param method PMPO with its α and β; the divergence must be {@code kl-reference-policy}
     * @param steps optimizer steps, at least 1
     * @param batchSize rows drawn from each set that α uses per step, at least 1
     * @param learningRate Adam learning rate, in (0, 1]
     * @param seed seed of the row orders
     */
    public record Config(Method.Pmpo method, int steps, int batchSize, double learningRate, long seed) {

        /** Validates every field. */
        public Config {
            if (method == null) {
                throw new IllegalArgumentException("method is missing; use (Method.Pmpo) Method.parse(\"pmpo-ar\")");
            }
            if (!method.divergence().equals(Method.Defaults.DIVERGENCE)) {
                throw new IllegalArgumentException("PMPO divergence must be " + Method.Defaults.DIVERGENCE
                        + " for a language model, got " + method.divergence()
                        + "; only the exact per-token KL(pi_ref || pi_theta) is implemented for sequences");
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize + "; use e.g. 8");
            }
            if (!(learningRate > 0.0 && learningRate <= 1.0)) {
                throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate
                        + "; Adam rates of 1e-5 to 1e-3 suit a pretrained transformer");
            }
        }
    }

    /**
     * Reads labelled completions from a JSON-lines file and trains {@code policy} on them.
     *
     * @throws IllegalArgumentException if the file is missing or a line is invalid (the message names the line), or
     *     for any reason {@link #train(TransformerLm, TransformerLm, TextTokenizer, List, Config)} gives
     */
    public static Table train(TransformerLm policy, TransformerLm reference, TextTokenizer tokenizer, Path file,
            Config config) {
        List<LabelledCompletion> rows = FeedbackJsonl.read(file);
        return train(policy, reference, tokenizer, rows, config, file + " line ");
    }

    /**
     * Trains {@code policy} in place on {@code rows}, with {@code reference} as π_ref.
     *
     * @param policy trainable model, e.g. {@link TransformerLm#trainableCopy} of the base model
     * @param reference π_ref, usually the base model; it is not changed
     * @throws IllegalArgumentException if a row does not fit the context length (the message names the row), or a
     *     set that α needs has no rows
     */
    public static Table train(TransformerLm policy, TransformerLm reference, TextTokenizer tokenizer,
            List<LabelledCompletion> rows, Config config) {
        return train(policy, reference, tokenizer, rows, config, "row ");
    }

    private static Table train(TransformerLm policy, TransformerLm reference, TextTokenizer tokenizer,
            List<LabelledCompletion> rows, Config config, String rowName) {
        TorchThreads.useLanguageModelThreads();
        if (!policy.isTrainable()) {
            throw new IllegalArgumentException("policy is a frozen snapshot; pass a trainable model, e.g."
                    + " base.trainableCopy(manager)");
        }
        double alpha = config.method().alpha();
        List<int[][]> accepted = new ArrayList<>();
        List<int[][]> rejected = new ArrayList<>();
        int context = policy.config().contextLength();
        for (int i = 0; i < rows.size(); i++) {
            LabelledCompletion row = rows.get(i);
            int[][] encoded = encode(row, tokenizer);
            int length = encoded[0].length + encoded[1].length;
            if (length > context) {
                throw new IllegalArgumentException(rowName + (i + 1) + ": prompt and completion take " + length
                        + " tokens with BOS and EOS, more than the context length " + context
                        + "; shorten the completion or the prompt");
            }
            (row.label() ? accepted : rejected).add(encoded);
        }
        if (alpha > 0 && accepted.isEmpty()) {
            throw new IllegalArgumentException("no row has label true, but alpha = " + alpha
                    + " > 0 needs accepted completions; add accepted rows or use alpha = 0 (reject-only)");
        }
        if (alpha < 1 && rejected.isEmpty()) {
            throw new IllegalArgumentException("no row has label false, but alpha = " + alpha
                    + " < 1 needs rejected completions; add rejected rows or use alpha = 1 (accept-only)");
        }
        LOG.info("offline {}: {} accepted and {} rejected rows, {} steps", config.method().label(),
                accepted.size(), rejected.size(), config.steps());

        DataOrder acceptedOrder = new DataOrder(config.seed(), Math.max(1, accepted.size()), 0, 0);
        DataOrder rejectedOrder = new DataOrder(config.seed() + 1, Math.max(1, rejected.size()), 0, 0);
        IntColumn stepColumn = IntColumn.create("step");
        DoubleColumn lossColumn = DoubleColumn.create("loss");
        DoubleColumn acceptedColumn = DoubleColumn.create("logp/accepted");
        DoubleColumn rejectedColumn = DoubleColumn.create("logp/rejected");
        DoubleColumn klColumn = DoubleColumn.create("kl/reference");
        Pmpo objective = new Pmpo(alpha, config.method().beta());
        try (StrictAdam optimizer = StrictAdam.builder().learningRate(config.learningRate()).build()) {
            for (int step = 1; step <= config.steps(); step++) {
                List<int[][]> batch = new ArrayList<>();
                int acceptedCount = alpha > 0 ? config.batchSize() : 0;
                int rejectedCount = alpha < 1 ? config.batchSize() : 0;
                for (int i = 0; i < acceptedCount; i++) {
                    batch.add(accepted.get(acceptedOrder.next()));
                }
                for (int i = 0; i < rejectedCount; i++) {
                    batch.add(rejected.get(rejectedOrder.next()));
                }
                double[] values = trainStep(policy, reference, optimizer, objective, batch, acceptedCount,
                        tokenizer.paddingId());
                stepColumn.append(step);
                lossColumn.append(values[0]);
                acceptedColumn.append(values[1]);
                rejectedColumn.append(values[2]);
                klColumn.append(values[3]);
                if (step % 10 == 0 || step == config.steps()) {
                    LOG.info(String.format(Locale.ROOT, "offline %s step %d/%d: loss %.4f, KL %.4f",
                            config.method().label(), step, config.steps(), values[0], values[3]));
                }
            }
        }
        return Table.create("offline-pmpo", stepColumn, lossColumn, acceptedColumn, rejectedColumn, klColumn);
    }

    /** Returns {loss, logp/accepted, logp/rejected, kl/reference} of the batch before the step. */
    private static double[] trainStep(TransformerLm policy, TransformerLm reference, StrictAdam optimizer,
            Pmpo objective, List<int[][]> batch, int acceptedCount, int paddingId) {
        int[][] prompts = new int[batch.size()][];
        int[][] completions = new int[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            prompts[i] = batch.get(i)[0];
            completions[i] = batch.get(i)[1];
        }
        CompletionBatch packed = CompletionBatch.of(prompts, completions, paddingId);
        NDList parameters = policy.parameters();
        double[] values;
        try (GradientScope paused = GradientScope.paused();
                NDManager stepManager = parameters.get(0).getManager().newSubManager()) {
            NDArray ids = packed.idArray(stepManager); // (R, T)
            NDArray mask = packed.maskArray(stepManager); // (R, T)
            NDArray referenceLogits = reference.forward(ids); // (R, T, V)
            try (GradientScope scope = new GradientScope()) {
                NDArray logits = policy.forward(ids); // (R, T, V)
                NDArray logProbs = CompletionLogProbs.sequenceLogProbs(logits, ids, mask); // (R)
                NDArray kl = CompletionLogProbs.sequenceKl(referenceLogits, logits, ids, mask).mean(); // ()
                NDArray acceptedLogProbs = logProbs.get("0:" + acceptedCount); // (N_a)
                NDArray rejectedLogProbs = logProbs.get(acceptedCount + ":"); // (N_r)
                ObjectiveResult result = objective.loss(acceptedLogProbs, rejectedLogProbs, kl);
                values = new double[] {result.lossValue(), result.statistic("logp/accepted"),
                        result.statistic("logp/rejected"), kl.toType(DataType.FLOAT64, false).getDouble()};
                scope.backward(result.loss());
            }
            policy.applyGradients(optimizer);
        }
        return values;
    }

    /** Returns {BOS + prompt, completion + EOS}. */
    private static int[][] encode(LabelledCompletion row, TextTokenizer tokenizer) {
        int[] prompt = tokenizer.encode(row.prompt());
        int[] completion = tokenizer.encode(row.completion());
        int[] promptIds = new int[prompt.length + 1];
        promptIds[0] = tokenizer.bosId();
        System.arraycopy(prompt, 0, promptIds, 1, prompt.length);
        int[] completionIds = new int[completion.length + 1];
        System.arraycopy(completion, 0, completionIds, 0, completion.length);
        completionIds[completion.length] = tokenizer.eosId();
        return new int[][] {promptIds, completionIds};
    }
}
