package org.pmpo4j.lm;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Inputs of an {@link Alignment} run, none of which it changes: the pretrained base model, its tokenizer, the reward
 * model that ranks completions, the judge that compares policy and base completions, and two disjoint prompt sets.
 *
 * @param base pretrained model; π_θ starts as a copy of it, and it serves as π_ref unless the run refreshes π_ref
 * @param tokenizer the tokenizer the base model was trained with
 * @param reward reward of a text (prompt followed by completion), higher is better, e.g. a
 *     {@code SentimentRewardModel::reward}
 * @param judge win rate of policy completions against base completions of the same prompts, e.g. a
 *     {@code LexiconJudge::winRate}; it should share nothing with the reward model
 * @param trainingPrompts prompts that training samples completions for, at least 1
 * @param evaluationPrompts fixed prompts for the evaluation columns, at least 1
 */
public record AlignmentInputs(
        TransformerLm base,
        TextTokenizer tokenizer,
        ToDoubleFunction<String> reward,
        Judge judge,
        List<String> trainingPrompts,
        List<String> evaluationPrompts) {

    /** Win rate of one list of completions against another, paired by prompt, ties counting half. */
    @FunctionalInterface
    public interface Judge {
        /** Returns the fraction of prompts whose policy completion the judge prefers to the base completion. */
        double winRate(List<String> policy, List<String> base);
    }

    /** Checks that nothing is missing and copies the prompt lists. */
    public AlignmentInputs {
        if (base == null || tokenizer == null || reward == null || judge == null) {
            throw new IllegalArgumentException("base, tokenizer, reward and judge must not be null; pass all four");
        }
        if (trainingPrompts == null || trainingPrompts.isEmpty()) {
            throw new IllegalArgumentException("trainingPrompts must contain at least one prompt; pass the openings"
                    + " of held-out reviews, e.g. from Prompts.openings");
        }
        if (evaluationPrompts == null || evaluationPrompts.isEmpty()) {
            throw new IllegalArgumentException("evaluationPrompts must contain at least one prompt; pass a fixed"
                    + " set of prompts that training does not use");
        }
        trainingPrompts = List.copyOf(trainingPrompts);
        evaluationPrompts = List.copyOf(evaluationPrompts);
    }
}
