package org.pmpo4j.feedback;

import java.util.Arrays;

/**
 * Unpaired binary feedback on a batch of N samples: the accepted set D_a and the rejected set D_r.
 *
 * <p>Both arrays contain indices into the batch. An index is non-negative, appears at most once in
 * its array, and never in both arrays. Samples in neither array have no label. Either array may be
 * empty. The upper bound N is not part of the record, so {@link #requireWithin(int)} checks it
 * against a batch. The record requires no order: {@link TopBottomSelector} lists the accepted
 * indices best first and the rejected ones worst first, and the other selectors list indices in
 * increasing order.
 *
 * <p>The record copies both arrays on construction and on access, so it is immutable.
 *
 * @param accepted indices of the accepted samples (D_a)
 * @param rejected indices of the rejected samples (D_r)
 */
public record Feedback(int[] accepted, int[] rejected) {

    /**
     * Validates the indices and stores copies of both arrays.
     *
     * @throws NullPointerException if either array is null
     * @throws IllegalArgumentException if an index is negative, repeated, or in both arrays
     */
    public Feedback {
        if (accepted == null || rejected == null) {
            throw new NullPointerException(
                    "accepted and rejected must not be null; pass an empty array for an empty set");
        }
        accepted = accepted.clone();
        rejected = rejected.clone();

        int[] acceptedSorted = sortedIndices("accepted", accepted);
        int[] rejectedSorted = sortedIndices("rejected", rejected);
        int shared = firstCommonIndex(acceptedSorted, rejectedSorted);
        if (shared >= 0) {
            throw new IllegalArgumentException(
                    "sample " + shared + " is both accepted and rejected; give each sample at most one label");
        }
    }

    /** Returns a feedback with both sets empty. */
    public static Feedback empty() {
        return new Feedback(new int[0], new int[0]);
    }

    /** Returns a copy of the accepted indices. */
    @Override
    public int[] accepted() {
        return accepted.clone();
    }

    /** Returns a copy of the rejected indices. */
    @Override
    public int[] rejected() {
        return rejected.clone();
    }

    /** Returns |D_a|. */
    public int acceptedCount() {
        return accepted.length;
    }

    /** Returns |D_r|. */
    public int rejectedCount() {
        return rejected.length;
    }

    /**
     * Checks that every index is below {@code batchSize}.
     *
     * @throws IllegalArgumentException if {@code batchSize} is negative or an index is not below it
     */
    public void requireWithin(int batchSize) {
        if (batchSize < 0) {
            throw new IllegalArgumentException(
                    "batchSize must be >= 0, got " + batchSize + "; pass the number of samples in the batch");
        }
        requireBelow("accepted", accepted, batchSize);
        requireBelow("rejected", rejected, batchSize);
    }

    /**
     * Returns a mask of length {@code batchSize} that is true at the accepted indices.
     *
     * @throws IllegalArgumentException if an index is not below {@code batchSize}
     */
    public boolean[] acceptedMask(int batchSize) {
        requireWithin(batchSize);
        return mask(accepted, batchSize);
    }

    /**
     * Returns a mask of length {@code batchSize} that is true at the rejected indices.
     *
     * @throws IllegalArgumentException if an index is not below {@code batchSize}
     */
    public boolean[] rejectedMask(int batchSize) {
        requireWithin(batchSize);
        return mask(rejected, batchSize);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Feedback feedback
                && Arrays.equals(accepted, feedback.accepted)
                && Arrays.equals(rejected, feedback.rejected);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(accepted) + Arrays.hashCode(rejected);
    }

    @Override
    public String toString() {
        return "Feedback[accepted="
                + Arrays.toString(accepted)
                + ", rejected="
                + Arrays.toString(rejected)
                + "]";
    }

    /** Returns a sorted copy after checking that the indices are non-negative and distinct. */
    private static int[] sortedIndices(String name, int[] indices) {
        for (int position = 0; position < indices.length; position++) {
            if (indices[position] < 0) {
                throw new IllegalArgumentException(
                        name
                                + " index at position "
                                + position
                                + " is "
                                + indices[position]
                                + "; indices must be >= 0 because they point into the batch");
            }
        }
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(
                        name + " contains index " + sorted[i] + " twice; list each sample at most once");
            }
        }
        return sorted;
    }

    /** Returns the smallest index in both sorted arrays, or -1 if they are disjoint. */
    private static int firstCommonIndex(int[] first, int[] second) {
        int i = 0;
        int j = 0;
        while (i < first.length && j < second.length) {
            if (first[i] == second[j]) {
                return first[i];
            }
            if (first[i] < second[j]) {
                i++;
            } else {
                j++;
            }
        }
        return -1;
    }

    private static void requireBelow(String name, int[] indices, int batchSize) {
        for (int index : indices) {
            if (index >= batchSize) {
                throw new IllegalArgumentException(
                        name
                                + " index "
                                + index
                                + " is outside the batch of "
                                + batchSize
                                + " samples; indices must be in [0, "
                                + batchSize
                                + ")");
            }
        }
    }

    private static boolean[] mask(int[] indices, int batchSize) {
        boolean[] mask = new boolean[batchSize];
        for (int index : indices) {
            mask[index] = true;
        }
        return mask;
    }
}
