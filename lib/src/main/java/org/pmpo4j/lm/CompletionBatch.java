package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Prompts and completions packed row by row into right-padded id and mask matrices, the input layout of
 * {@link CompletionLogProbs} and {@link TransformerLm#sequenceLogProbs}.
 *
 * @param ids prompt, completion and padding ids per row, B rows of length T
 * @param completionMask 1 on completion tokens, 0 on prompt and padding tokens, B rows of length T
 */
public record CompletionBatch(int[][] ids, int[][] completionMask) {

    /**
     * Packs row b as prompts[b] followed by completions[b], padded on the right with {@code paddingId} to
     * the longest row.
     *
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a prompt is empty
     */
    public static CompletionBatch of(int[][] prompts, int[][] completions, int paddingId) {
        if (prompts.length == 0 || prompts.length != completions.length) {
            throw new IllegalArgumentException("prompts and completions must be non-empty and of equal length, got "
                    + prompts.length + " and " + completions.length + "; pass one completion per prompt");
        }
        int length = 0;
        for (int b = 0; b < prompts.length; b++) {
            if (prompts[b].length == 0) {
                throw new IllegalArgumentException("prompt " + b + " is empty; start every prompt with at least"
                        + " one token, such as a beginning-of-sequence id, so the first completion token has a prefix");
            }
            length = Math.max(length, prompts[b].length + completions[b].length);
        }
        int[][] ids = new int[prompts.length][length];
        int[][] mask = new int[prompts.length][length];
        for (int b = 0; b < prompts.length; b++) {
            java.util.Arrays.fill(ids[b], paddingId);
            System.arraycopy(prompts[b], 0, ids[b], 0, prompts[b].length);
            System.arraycopy(completions[b], 0, ids[b], prompts[b].length, completions[b].length);
            java.util.Arrays.fill(mask[b], prompts[b].length, prompts[b].length + completions[b].length, 1);
        }
        return new CompletionBatch(ids, mask);
    }

    /** Returns the ids as an int32 array on {@code manager}, shape (B, T). */
    public NDArray idArray(NDManager manager) {
        return manager.create(flatten(ids), new Shape(ids.length, ids[0].length)); // (B, T)
    }

    /** Returns the mask as an int32 0/1 array on {@code manager}, shape (B, T). */
    public NDArray maskArray(NDManager manager) {
        return manager.create(flatten(completionMask), new Shape(ids.length, ids[0].length)); // (B, T)
    }

    private static int[] flatten(int[][] rows) {
        int[] flat = new int[rows.length * rows[0].length];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * rows[0].length, rows[b].length);
        }
        return flat;
    }
}
