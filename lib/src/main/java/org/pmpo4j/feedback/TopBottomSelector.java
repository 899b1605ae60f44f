package org.pmpo4j.feedback;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Accepts the k_a highest-scoring samples of a batch and rejects the k_r lowest-scoring ones.
 *
 * <p>This is the rule that turns an evaluation function into unpaired feedback, for example the top
 * 2 and bottom 2 of 4 completions per prompt. A higher score is better. Ties are broken by index,
 * where the lower index ranks higher, so the selection is deterministic. Samples ranked between the
 * two sets get no label.
 */
public final class TopBottomSelector {

    private final int acceptCount;
    private final int rejectCount;

    /**
     * Creates a selector for k_a accepted and k_r rejected samples per batch.
     *
     * @param acceptCount k_a, at least 0
     * @param rejectCount k_r, at least 0
     * @throws IllegalArgumentException if a count is negative or both are 0
     */
    public TopBottomSelector(int acceptCount, int rejectCount) {
        if (acceptCount < 0) {
            throw new IllegalArgumentException(
                    "acceptCount must be >= 0, got " + acceptCount + "; use 0 for reject-only feedback");
        }
        if (rejectCount < 0) {
            throw new IllegalArgumentException(
                    "rejectCount must be >= 0, got " + rejectCount + "; use 0 for accept-only feedback");
        }
        if (acceptCount == 0 && rejectCount == 0) {
            throw new IllegalArgumentException(
                    "acceptCount and rejectCount are both 0, so every batch would get no feedback;"
                            + " set at least one of them to a positive count");
        }
        this.acceptCount = acceptCount;
        this.rejectCount = rejectCount;
    }

    /** Returns k_a. */
    public int acceptCount() {
        return acceptCount;
    }

    /** Returns k_r. */
    public int rejectCount() {
        return rejectCount;
    }

    /**
     * Selects feedback for one batch.
     *
     * @param scores one finite score per sample, higher is better, length N
     * @return the k_a best indices as accepted (best first) and the k_r worst as rejected (worst
     *     first)
     * @throws IllegalArgumentException if a score is NaN or infinite, or if k_a + k_r exceeds N
     */
    public Feedback select(double[] scores) {
        Scores.requireFinite("scores", scores);
        int batchSize = scores.length;
        if ((long) acceptCount + rejectCount > batchSize) {
            throw new IllegalArgumentException(
                    "acceptCount + rejectCount = "
                            + ((long) acceptCount + rejectCount)
                            + " exceeds the batch size "
                            + batchSize
                            + "; lower the counts or score more samples");
        }

        int[] ranked = Scores.bestFirst(IntStream.range(0, batchSize).toArray(), scores);
        int[] accepted = Arrays.copyOfRange(ranked, 0, acceptCount);
        int[] rejected = new int[rejectCount];
        for (int i = 0; i < rejectCount; i++) {
            rejected[i] = ranked[batchSize - 1 - i];
        }
        return new Feedback(accepted, rejected);
    }
}
