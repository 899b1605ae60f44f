package org.pmpo4j.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdvantageSignSelectorTest {

    private final AdvantageSignSelector selector = new AdvantageSignSelector();

    @Test
    void signDecidesLabel() {
        Feedback feedback = selector.select(new double[] {0.3, -2.0, 0.0, 1e-12, -0.0, -5e-9});

        assertArrayEquals(new int[] {0, 3}, feedback.accepted());
        assertArrayEquals(new int[] {1, 5}, feedback.rejected());
    }

    @Test
    void allZeroAdvantagesGiveNoFeedback() {
        Feedback feedback = selector.select(new double[] {0, 0, 0});

        assertEquals(Feedback.empty(), feedback);
    }

    @Test
    void nanAdvantageIsRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> selector.select(new double[] {Double.NaN}));

        assertEquals(
                "advantages[0] is NaN; every value must be finite, so fix or drop that sample", error.getMessage());
    }

    @Test
    void infiniteAdvantageIsRejected() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> selector.select(new double[] {1, Double.POSITIVE_INFINITY}));

        assertEquals(
                "advantages[1] is Infinity; every value must be finite, so fix or drop that sample",
                error.getMessage());
    }

    @Test
    void emptyAdvantagesAreRejected() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> selector.select(new double[0]));

        assertEquals("advantages is empty; pass one value per sample in the batch", error.getMessage());
    }
}
