package org.pmpo4j.feedback;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Checks and ranking of per-sample scores, shared by the selectors and {@link Pairing}.
 *
 * <p>Every ranking in this package uses one total order: a higher score ranks first, and of two
 * equal scores the lower index ranks first. Results are therefore deterministic under ties.
 */
final class Scores {

    private Scores() {}

    /**
     * Checks that {@code values} is non-empty and finite.
     *
     * @param name the parameter name used in messages, such as "scores"
     * @throws NullPointerException if {@code values} is null
     * @throws IllegalArgumentException if {@code values} is empty or contains NaN or an infinity
     */
    static void requireFinite(String name, double[] values) {
        if (values == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(
                    name + " is empty; pass one value per sample in the batch");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name
                                + "["
                                + i
                                + "] is "
                                + values[i]
                                + "; every value must be finite, so fix or drop that sample");
            }
        }
    }

    /** Returns the given indices sorted best first: higher score first, then lower index first. */
    static int[] bestFirst(int[] indices, double[] scores) {
        // Numeric comparison rather than Double.compare, so that -0.0 and 0.0 count as a tie.
        Comparator<Integer> bestFirst =
                (a, b) -> {
                    if (scores[a] > scores[b]) {
                        return -1;
                    }
                    if (scores[a] < scores[b]) {
                        return 1;
                    }
                    return Integer.compare(a, b);
                };
        return Arrays.stream(indices).boxed().sorted(bestFirst).mapToInt(Integer::intValue).toArray();
    }

    /** Returns the given indices sorted worst first, the exact reverse of {@link #bestFirst}. */
    static int[] worstFirst(int[] indices, double[] scores) {
        int[] order = bestFirst(indices, scores);
        for (int i = 0, j = order.length - 1; i < j; i++, j--) {
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
