package org.pmpo4j.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopBottomSelectorTest {

    @Test
    void selectsBestAndWorst() {
        // Ranked best first: 9.0 (index 3), 4.0 (1), 2.0 (4), 1.0 (0), -3.0 (2).
        Feedback feedback = new TopBottomSelector(2, 2).select(new double[] {1.0, 4.0, -3.0, 9.0, 2.0});

        assertArrayEquals(new int[] {3, 1}, feedback.accepted());
        assertArrayEquals(new int[] {2, 0}, feedback.rejected());
    }

    @Test
    void tiesGoToLowerIndex() {
        // All scores tie, so the rank order is the index order 0, 1, 2, 3, 4.
        Feedback feedback = new TopBottomSelector(2, 2).select(new double[] {5, 5, 5, 5, 5});

        assertArrayEquals(new int[] {0, 1}, feedback.accepted());
        assertArrayEquals(new int[] {4, 3}, feedback.rejected());
    }

    @Test
    void negativeZeroTiesWithZero() {
        // -0.0 == 0.0, so index 0 ranks first although Double.compare(-0.0, 0.0) < 0.
        Feedback feedback = new TopBottomSelector(1, 1).select(new double[] {-0.0, 0.0});

        assertArrayEquals(new int[] {0}, feedback.accepted());
        assertArrayEquals(new int[] {1}, feedback.rejected());
    }

    @Test
    void countsMayCoverWholeBatch() {
        Feedback feedback = new TopBottomSelector(1, 2).select(new double[] {0.5, 0.1, 0.9});

        assertArrayEquals(new int[] {2}, feedback.accepted());
        assertArrayEquals(new int[] {1, 0}, feedback.rejected());
    }

    @Test
    void acceptOnlySelectsNoRejected() {
        TopBottomSelector selector = new TopBottomSelector(1, 0);
        Feedback feedback = selector.select(new double[] {0.5, 0.9});

        assertEquals(1, selector.acceptCount());
        assertEquals(0, selector.rejectCount());
        assertArrayEquals(new int[] {1}, feedback.accepted());
        assertArrayEquals(new int[0], feedback.rejected());
    }

    @Test
    void countsAboveBatchSizeAreRejected() {
        TopBottomSelector selector = new TopBottomSelector(2, 2);

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> selector.select(new double[] {1, 2, 3}));

        assertEquals(
                "acceptCount + rejectCount = 4 exceeds the batch size 3; lower the counts or score more samples",
                error.getMessage());
    }

    @Test
    void nanScoreIsRejected() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new TopBottomSelector(1, 1).select(new double[] {1, Double.NaN, 3}));

        assertEquals("scores[1] is NaN; every value must be finite, so fix or drop that sample", error.getMessage());
    }

    @Test
    void infiniteScoreIsRejected() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new TopBottomSelector(1, 1).select(new double[] {1, 2, Double.NEGATIVE_INFINITY}));

        assertEquals(
                "scores[2] is -Infinity; every value must be finite, so fix or drop that sample", error.getMessage());
    }

    @Test
    void emptyScoresAreRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new TopBottomSelector(1, 0).select(new double[0]));

        assertEquals("scores is empty; pass one value per sample in the batch", error.getMessage());
    }

    @Test
    void negativeCountsAreRejected() {
        IllegalArgumentException accept =
                assertThrows(IllegalArgumentException.class, () -> new TopBottomSelector(-1, 2));
        IllegalArgumentException reject =
                assertThrows(IllegalArgumentException.class, () -> new TopBottomSelector(2, -3));

        assertEquals("acceptCount must be >= 0, got -1; use 0 for reject-only feedback", accept.getMessage());
        assertEquals("rejectCount must be >= 0, got -3; use 0 for accept-only feedback", reject.getMessage());
    }

    @Test
    void zeroCountsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new TopBottomSelector(0, 0));

        assertEquals(
                "acceptCount and rejectCount are both 0, so every batch would get no feedback;"
                        + " set at least one of them to a positive count",
                error.getMessage());
    }
}
