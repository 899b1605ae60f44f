package org.pmpo4j.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private final LabelSelector selector = new LabelSelector();

    @Test
    void labelsSplitIntoSets() {
        Feedback feedback = selector.select(new boolean[] {true, false, false, true});

        assertArrayEquals(new int[] {0, 3}, feedback.accepted());
        assertArrayEquals(new int[] {1, 2}, feedback.rejected());
    }

    @Test
    void allThumbsUpGivesNoRejected() {
        Feedback feedback = selector.select(new boolean[] {true, true});

        assertArrayEquals(new int[] {0, 1}, feedback.accepted());
        assertArrayEquals(new int[0], feedback.rejected());
    }

    @Test
    void emptyLabelsAreRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> selector.select(new boolean[0]));

        assertEquals("labels is empty; pass one label per sample in the batch", error.getMessage());
    }

    @Test
    void nullLabelsAreRejected() {
        NullPointerException error = assertThrows(NullPointerException.class, () -> selector.select(null));

        assertEquals("labels must not be null", error.getMessage());
    }
}
