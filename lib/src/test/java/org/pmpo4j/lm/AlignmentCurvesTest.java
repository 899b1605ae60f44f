package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class AlignmentCurvesTest {

    /** Method A: reward rises throughout while its win rate peaks at step 10 and falls; B: both rise. */
    private static Table progress() {
        return Table.create("progress",
                StringColumn.create("method", "A", "A", "A", "A", "B", "B", "B", "B"),
                IntColumn.create("step", 0, 10, 20, 30, 0, 10, 20, 30),
                DoubleColumn.create("reward/policy", 0.0, 1.0, 2.0, 3.0, 0.0, 0.5, 1.0, 1.5),
                DoubleColumn.create("win_rate/base", 0.5, 0.8, 0.7, 0.6, 0.5, 0.6, 0.7, 0.75),
                DoubleColumn.create("kl/base", 0.0, 1.0, 4.0, 12.0, 0.0, 0.5, 1.0, 1.5),
                IntColumn.create("unstable", 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void meanAfterStartSkipsStepZero() {
        // A: (1 + 2 + 3) / 3 = 2; B: (0.5 + 1 + 1.5) / 3 = 1.
        assertEquals(2.0, AlignmentCurves.meanAfterStart(progress(), "A", "reward/policy"), 1e-12);
        assertEquals(1.0, AlignmentCurves.meanAfterStart(progress(), "B", "reward/policy"), 1e-12);
    }

    @Test
    void hackingOnsetIsWinRatePeak() {
        // A's win rate peaks at step 10 (0.8) and is 0.2 lower at step 30 while the reward is higher.
        assertEquals(OptionalInt.of(10), AlignmentCurves.hackingOnset(progress(), "A", 0.1));
        assertEquals(OptionalInt.empty(), AlignmentCurves.hackingOnset(progress(), "A", 0.25));
        assertEquals(OptionalInt.empty(), AlignmentCurves.hackingOnset(progress(), "B", 0.1));
    }

    @Test
    void winRateThatNeverRisesIsNoHacking() {
        Table falling = Table.create("progress",
                StringColumn.create("method", "A", "A"),
                IntColumn.create("step", 0, 10),
                DoubleColumn.create("reward/policy", 0.0, 1.0),
                DoubleColumn.create("win_rate/base", 0.5, 0.3));
        assertEquals(OptionalInt.empty(), AlignmentCurves.hackingOnset(falling, "A", 0.1));
    }

    @Test
    void brokeDownWhenKlExceedsLimit() {
        assertTrue(AlignmentCurves.brokeDown(progress(), "A", 10.0));
        assertFalse(AlignmentCurves.brokeDown(progress(), "B", 10.0));
    }

    @Test
    void frontierPairsKlWithReward() {
        double[][] b = AlignmentCurves.frontier(progress()).get("B");
        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 1.5}, b[0], 0.0);
        assertArrayEquals(new double[] {0.0, 0.5, 1.0, 1.5}, b[1], 0.0);
    }

    @Test
    void unknownMethodIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AlignmentCurves.curve(progress(), "C", "kl/base"));
        assertTrue(error.getMessage().contains("no rows for method 'C'"), error.getMessage());
    }
}
