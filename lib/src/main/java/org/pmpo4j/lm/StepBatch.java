package org.pmpo4j.lm;

import java.util.List;
import org.pmpo4j.experiment.Method;
import org.pmpo4j.feedback.Feedback;
import org.pmpo4j.feedback.TopBottomSelector;
import org.pmpo4j.text.LabelledCompletion;

/**
 * The samples of one {@link Alignment} step: N completions from π_ref for each of C prompts, their rewards and the
 * accepted and rejected sets of each prompt.
 *
 * <p>Row c·N + j of {@code completions} is completion j of prompt c. For KTO, C more rows follow: row C·N + c is
 * the first completion of prompt (c + 1) mod C placed after prompt c, a completion scored under a prompt it was not
 * sampled for.
 *
 * @param prompts prompt text of each of the C prompts
 * @param texts decoded completion of each of the C·N samples, without the prompt
 * @param rewards reward of prompt + completion, C rows of N
 * @param feedback accepted and rejected completion indices (0 to N − 1) of each prompt
 * @param completions the packed prompts and completions, right-padded
 * @param sampledTokens number of tokens in the C·N sampled completions
 */
record StepBatch(List<String> prompts, List<String> texts, double[][] rewards, Feedback[] feedback,
        CompletionBatch completions, int sampledTokens) {

    /** Samples, scores and selects the completions of one step from π_ref. */
    static StepBatch sample(AlignmentConfig config, AlignmentInputs inputs, int[][] encodedPrompts,
            int[] promptIndices, TransformerLm reference, TopBottomSelector selector, int step) {
        int prompts = promptIndices.length;
        int samples = config.samplesPerPrompt();
        TextTokenizer tokenizer = inputs.tokenizer();

        int[][] rows = new int[prompts * samples][];
        String[] promptTexts = new String[prompts];
        for (int c = 0; c < prompts; c++) {
            promptTexts[c] = inputs.trainingPrompts().get(promptIndices[c]);
            for (int j = 0; j < samples; j++) {
                rows[c * samples + j] = encodedPrompts[promptIndices[c]];
            }
        }
        long seed = Alignment.seedFor(config.seed(), Alignment.TRAINING_SAMPLES, step);
        int[][] completions = Sampler.sample(reference, rows, Alignment.sampling(config, tokenizer, seed))
                .completions();

        String[] texts = new String[rows.length];
        double[][] rewards = new double[prompts][samples];
        Feedback[] feedback = new Feedback[prompts];
        for (int c = 0; c < prompts; c++) {
            for (int j = 0; j < samples; j++) {
                texts[c * samples + j] = tokenizer.decode(completions[c * samples + j]);
                rewards[c][j] = inputs.reward().applyAsDouble(promptTexts[c] + texts[c * samples + j]);
            }
            feedback[c] = selector.select(rewards[c]);
        }

        boolean mismatched = config.method() instanceof Method.Kto;
        int rowCount = rows.length + (mismatched ? prompts : 0);
        int[][] packedPrompts = new int[rowCount][];
        int[][] packedCompletions = new int[rowCount][];
        System.arraycopy(rows, 0, packedPrompts, 0, rows.length);
        System.arraycopy(completions, 0, packedCompletions, 0, rows.length);
        if (mismatched) {
            for (int c = 0; c < prompts; c++) {
                packedPrompts[rows.length + c] = encodedPrompts[promptIndices[c]];
                packedCompletions[rows.length + c] = completions[((c + 1) % prompts) * samples];
            }
        }
        CompletionBatch batch = CompletionBatch.of(packedPrompts, packedCompletions, tokenizer.paddingId());
        int sampledTokens = 0;
        for (int[] completion : completions) {
            sampledTokens += completion.length;
        }
        return new StepBatch(List.of(promptTexts), List.of(texts), rewards, feedback, batch, sampledTokens);
    }

    /** Returns the mean reward of all C·N samples. */
    double meanReward() {
        double sum = 0;
        int count = 0;
        for (double[] row : rewards) {
            for (double reward : row) {
                sum += reward;
                count++;
            }
        }
        return sum / count;
    }

    /**
     * Returns the mean of {@code values} (one per row, the first C·N used) over the accepted or rejected set of each
     * prompt, averaged over the prompts whose set is not empty, or NaN if every set is empty.
     */
    double setMean(double[] values, boolean accepted) {
        int samples = rewards[0].length;
        double total = 0;
        int contexts = 0;
        for (int c = 0; c < feedback.length; c++) {
            int[] indices = accepted ? feedback[c].accepted() : feedback[c].rejected();
            if (indices.length == 0) {
                continue;
            }
            double sum = 0;
            for (int index : indices) {
                sum += values[c * samples + index];
            }
            total += sum / indices.length;
            contexts++;
        }
        return contexts == 0 ? Double.NaN : total / contexts;
    }

    /**
     * Appends this step's labelled completions, accepted first, to {@code rows}. A completion that decodes to blank
     * text, such as one that is only the end-of-sequence id, is left out, because unpaired feedback needs text.
     */
    void addFeedbackRows(List<LabelledCompletion> rows) {
        int samples = rewards[0].length;
        for (int c = 0; c < feedback.length; c++) {
            for (int index : feedback[c].accepted()) {
                addRow(rows, prompts.get(c), texts.get(c * samples + index), true);
            }
            for (int index : feedback[c].rejected()) {
                addRow(rows, prompts.get(c), texts.get(c * samples + index), false);
            }
        }
    }

    private static void addRow(List<LabelledCompletion> rows, String prompt, String completion, boolean label) {
        if (!completion.isBlank()) {
            rows.add(new LabelledCompletion(prompt, completion, label));
        }
    }
}
