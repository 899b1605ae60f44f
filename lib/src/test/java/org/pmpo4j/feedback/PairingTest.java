package org.pmpo4j.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PairingTest {

    @Test
    void bestAcceptedMeetsWorstRejected() {
        double[] scores = {0.9, -1.0, 0.5, 0.7, -3.0, 0.0};
        // Accepted best first: 0 (0.9), 3 (0.7), 2 (0.5). Rejected worst first: 4 (-3.0), 1 (-1.0), 5 (0.0).
        Feedback feedback = new Feedback(new int[] {2, 0, 3}, new int[] {5, 1, 4});

        int[][] pairs = Pairing.pairs(feedback, scores);

        assertEquals(3, pairs.length);
        assertArrayEquals(new int[] {0, 4}, pairs[0]);
        assertArrayEquals(new int[] {3, 1}, pairs[1]);
        assertArrayEquals(new int[] {2, 5}, pairs[2]);
    }

    @Test
    void surplusSamplesStayUnpaired() {
        double[] scores = {4, 3, 2, 1, 0};
        // Three accepted, two rejected: P = 2, and accepted sample 2 (score 2) is left out.
        Feedback feedback = new Feedback(new int[] {0, 1, 2}, new int[] {3, 4});

        int[][] pairs = Pairing.pairs(feedback, scores);

        assertEquals(2, pairs.length);
        assertArrayEquals(new int[] {0, 4}, pairs[0]);
        assertArrayEquals(new int[] {1, 3}, pairs[1]);
    }

    @Test
    void pairingFollowsSelectorOrder() {
        double[] scores = {1, 1, 1, 1};
        // On ties the lower index ranks higher, so the worst rejected is the highest index.
        Feedback feedback = new TopBottomSelector(2, 2).select(scores);

        int[][] pairs = Pairing.pairs(feedback, scores);

        assertArrayEquals(new int[] {0, 3}, pairs[0]);
        assertArrayEquals(new int[] {1, 2}, pairs[1]);
    }

    @Test
    void missingRejectedSetIsRejected() {
        Feedback feedback = new Feedback(new int[] {0, 1}, new int[0]);

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Pairing.pairs(feedback, new double[] {1, 2}));

        assertEquals(
                "cannot form pairs from 2 accepted and 0 rejected samples; a pair needs one of each,"
                        + " so select both sets or use an unpaired objective such as PMPO or KTO",
                error.getMessage());
    }

    @Test
    void indexOutsideScoresIsRejected() {
        Feedback feedback = new Feedback(new int[] {3}, new int[] {0});

        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Pairing.pairs(feedback, new double[] {1, 2}));

        assertEquals(
                "accepted index 3 is outside the batch of 2 samples; indices must be in [0, 2)", error.getMessage());
    }

    @Test
    void nanScoreIsRejected() {
        Feedback feedback = new Feedback(new int[] {0}, new int[] {1});

        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class, () -> Pairing.pairs(feedback, new double[] {1, Double.NaN}));

        assertEquals("scores[1] is NaN; every value must be finite, so fix or drop that sample", error.getMessage());
    }

    @Test
    void nullFeedbackIsRejected() {
        NullPointerException error =
                assertThrows(NullPointerException.class, () -> Pairing.pairs(null, new double[] {1}));

        assertEquals("feedback must not be null", error.getMessage());
    }
}
