package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.pmpo4j.training.GradientScope;

/**
 * The evaluation columns of an {@link Alignment} run on fixed evaluation prompts: mean reward and judged win rate of
 * π_θ's completions against base-model completions drawn once, and KL(π_base ‖ π_θ) along the base completions.
 */
final class Evaluation {

    private final AlignmentConfig config;
    private final AlignmentInputs inputs;
    private final int[][] prompts;
    private final List<String> baseTexts;
    private final CompletionBatch baseBatch;

    Evaluation(AlignmentConfig config, AlignmentInputs inputs, int[][] prompts, Samples baseSamples,
            List<String> baseTexts) {
        this.config = config;
        this.inputs = inputs;
        this.prompts = prompts;
        this.baseTexts = baseTexts;
        this.baseBatch = CompletionBatch.of(prompts, baseSamples.completions(), inputs.tokenizer().paddingId());
    }

    /**
     * Values of one evaluation row.
     *
     * @param reward mean reward of π_θ's completions
     * @param winRate the judge's win rate of π_θ's completions against the base completions
     * @param baseKl mean over prompts of KL(π_base ‖ π_θ), summed over the tokens of each base completion
     * @param length mean length of π_θ's completions in tokens
     */
    record Values(double reward, double winRate, double baseKl, double length) {
    }

    /** Samples one completion per evaluation prompt from {@code policy} with the seed of {@code step}. */
    Values evaluate(TransformerLm policy, int step) {
        TextTokenizer tokenizer = inputs.tokenizer();
        long seed = Alignment.seedFor(config.seed(), Alignment.EVALUATION_SAMPLES, step);
        int[][] completions = Sampler.sample(policy, prompts, Alignment.sampling(config, tokenizer, seed))
                .completions();
        List<String> texts = Alignment.texts(inputs.evaluationPrompts(), completions, tokenizer);

        double rewardSum = 0;
        double lengthSum = 0;
        for (int i = 0; i < texts.size(); i++) {
            rewardSum += inputs.reward().applyAsDouble(texts.get(i));
            lengthSum += completions[i].length;
        }
        double winRate = inputs.judge().winRate(texts, baseTexts);
        return new Values(rewardSum / texts.size(), winRate, baseKl(policy), lengthSum / texts.size());
    }

    private double baseKl(TransformerLm policy) {
        try (GradientScope paused = GradientScope.paused();
                NDManager manager = policy.parameters().get(0).getManager().newSubManager()) {
            NDArray ids = baseBatch.idArray(manager); // (E, T)
            NDArray mask = baseBatch.maskArray(manager); // (E, T)
            NDArray kl = CompletionLogProbs.sequenceKl(inputs.base().forward(ids), policy.forward(ids), ids,
                    mask); // (E)
            return kl.mean().toType(DataType.FLOAT64, false).getDouble();
        }
    }
}
