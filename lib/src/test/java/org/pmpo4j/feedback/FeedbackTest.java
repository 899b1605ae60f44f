package org.pmpo4j.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeedbackTest {

    @Test
    void feedbackStoresBothSets() {
        Feedback feedback = new Feedback(new int[] {3, 0}, new int[] {1});

        assertArrayEquals(new int[] {3, 0}, feedback.accepted());
        assertArrayEquals(new int[] {1}, feedback.rejected());
        assertEquals(2, feedback.acceptedCount());
        assertEquals(1, feedback.rejectedCount());
    }

    @Test
    void feedbackIsImmutable() {
        int[] accepted = {0, 1};
        Feedback feedback = new Feedback(accepted, new int[0]);

        accepted[0] = 7;
        feedback.accepted()[1] = 9;

        assertArrayEquals(new int[] {0, 1}, feedback.accepted());
    }

    @Test
    void emptyFeedbackHasNoSamples() {
        Feedback feedback = Feedback.empty();

        assertEquals(0, feedback.acceptedCount());
        assertEquals(0, feedback.rejectedCount());
    }

    @Test
    void feedbackEqualityComparesContents() {
        Feedback first = new Feedback(new int[] {0, 2}, new int[] {1});
        Feedback same = new Feedback(new int[] {0, 2}, new int[] {1});
        Feedback other = new Feedback(new int[] {2, 0}, new int[] {1});

        assertEquals(first, same);
        assertEquals(first.hashCode(), same.hashCode());
        assertNotEquals(first, other);
        assertEquals("Feedback[accepted=[0, 2], rejected=[1]]", first.toString());
    }

    @Test
    void masksMarkTheirIndices() {
        Feedback feedback = new Feedback(new int[] {2}, new int[] {0, 3});

        assertArrayEquals(new boolean[] {false, false, true, false, false}, feedback.acceptedMask(5));
        assertArrayEquals(new boolean[] {true, false, false, true, false}, feedback.rejectedMask(5));
    }

    @Test
    void negativeIndexIsRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new Feedback(new int[] {0, -1}, new int[0]));

        assertEquals(
                "accepted index at position 1 is -1; indices must be >= 0 because they point into the batch",
                error.getMessage());
    }

    @Test
    void repeatedIndexIsRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new Feedback(new int[0], new int[] {4, 2, 4}));

        assertEquals("rejected contains index 4 twice; list each sample at most once", error.getMessage());
    }

    @Test
    void overlappingSetsAreRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new Feedback(new int[] {5, 1}, new int[] {7, 5}));

        assertEquals("sample 5 is both accepted and rejected; give each sample at most one label", error.getMessage());
    }

    @Test
    void nullSetIsRejected() {
        NullPointerException error = assertThrows(NullPointerException.class, () -> new Feedback(null, new int[0]));

        assertTrue(error.getMessage().contains("pass an empty array"), error.getMessage());
    }

    @Test
    void indexOutsideBatchIsRejected() {
        Feedback feedback = new Feedback(new int[] {0}, new int[] {4});

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> feedback.requireWithin(4));

        assertEquals(
                "rejected index 4 is outside the batch of 4 samples; indices must be in [0, 4)", error.getMessage());
    }

    @Test
    void negativeBatchSizeIsRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Feedback.empty().acceptedMask(-1));

        assertEquals("batchSize must be >= 0, got -1; pass the number of samples in the batch", error.getMessage());
    }
}
