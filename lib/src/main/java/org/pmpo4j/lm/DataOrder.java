package org.pmpo4j.lm;

import java.util.SplittableRandom;

/**
 * Order in which pretraining visits the windows of a packed token stream: each epoch is a fresh permutation
 * of all windows, drawn from the seed and the epoch number, so the position (epoch, cursor) is the whole state
 * a checkpoint needs to continue the same order.
 *
 * <p>Window w holds tokens [w·C, w·C + C] of the stream (C + 1 tokens, inputs and shifted targets), so
 * consecutive windows share one token and a stream of n tokens has ⌊(n − 1) / C⌋ windows.
 */
final class DataOrder {

    private final long seed;
    private final int windowCount;
    private int epoch;
    private int cursor;
    private int[] permutation;

    DataOrder(long seed, int windowCount, int epoch, int cursor) {
        this.seed = seed;
        this.windowCount = windowCount;
        this.epoch = epoch;
        this.cursor = cursor;
        this.permutation = permutation(seed, epoch, windowCount);
    }

    /** Returns the next window index and advances, starting a new epoch after the last window. */
    int next() {
        if (cursor == windowCount) {
            epoch++;
            cursor = 0;
            permutation = permutation(seed, epoch, windowCount);
        }
        return permutation[cursor++];
    }

    int windowCount() {
        return windowCount;
    }

    int epoch() {
        return epoch;
    }

    int cursor() {
        return cursor;
    }

    /** Fisher–Yates shuffle seeded by (seed, epoch). */
    private static int[] permutation(long seed, int epoch, int size) {
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
