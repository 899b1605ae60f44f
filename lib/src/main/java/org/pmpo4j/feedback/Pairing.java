package org.pmpo4j.feedback;

/**
 * Turns unpaired feedback into (chosen, rejected) pairs for pairwise objectives such as DPO and IPO.
 *
 * <p>The i-th best accepted sample is paired with the i-th worst rejected sample, so the widest score
 * gap comes first. With |D_a| != |D_r| the surplus samples of the larger set are left unpaired.
 */
public final class Pairing {

    private Pairing() {}

    /**
     * Pairs accepted with rejected samples by rank.
     *
     * <p>Ranking follows the selectors: a higher score is better and ties go to the lower index.
     *
     * @param feedback accepted and rejected indices into the batch
     * @param scores one finite score per sample of the batch, length N
     * @return a (P, 2) array with P = min(|D_a|, |D_r|); row i is {chosen index, rejected index}
     * @throws IllegalArgumentException if an index is not below N, a score is not finite, or either
     *     set is empty so that no pair exists
     */
    public static int[][] pairs(Feedback feedback, double[] scores) {
        if (feedback == null) {
            throw new NullPointerException("feedback must not be null");
        }
        Scores.requireFinite("scores", scores);
        feedback.requireWithin(scores.length);
        if (feedback.acceptedCount() == 0 || feedback.rejectedCount() == 0) {
            throw new IllegalArgumentException(
                    "cannot form pairs from "
                            + feedback.acceptedCount()
                            + " accepted and "
                            + feedback.rejectedCount()
                            + " rejected samples; a pair needs one of each, so select both sets or use an"
                            + " unpaired objective such as PMPO or KTO");
        }

        int[] chosen = Scores.bestFirst(feedback.accepted(), scores);
        int[] rejected = Scores.worstFirst(feedback.rejected(), scores);
        int pairCount = Math.min(chosen.length, rejected.length);
        int[][] pairs = new int[pairCount][];
        for (int i = 0; i < pairCount; i++) {
            pairs[i] = new int[] {chosen[i], rejected[i]};
        }
        return pairs;
    }
}
