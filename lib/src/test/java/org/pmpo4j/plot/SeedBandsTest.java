package org.pmpo4j.plot;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeedBandsTest {

    @Test
    void meanAndStandardErrorOverSeeds() {
        // Group A at x = 1 has values 1, 3, 5: mean 3, sample sd 2, standard error 2/√3.
        Table table = Table.create("t",
                StringColumn.create("method", "A", "A", "A", "A", "B"),
                IntColumn.create("x", 1, 1, 1, 2, 1),
                DoubleColumn.create("y", 1.0, 3.0, 5.0, 4.0, 7.0));
        List<SeedBands> bands = SeedBands.of(table, "method", "x", "y");

        assertEquals(2, bands.size());
        SeedBands a = bands.get(0);
        assertEquals("A", a.group());
        assertArrayEquals(new double[] {1, 2}, a.x());
        assertArrayEquals(new double[] {3, 4}, a.mean(), 1e-12);
        assertEquals(2.0 / Math.sqrt(3.0), a.standardError()[0], 1e-12);
        assertEquals(0.0, a.standardError()[1]);
        assertArrayEquals(new int[] {3, 1}, a.count());
        assertEquals(4.0, a.finalMean());
        assertEquals(7.0, bands.get(1).finalMean());
    }

    @Test
    void unknownColumnIsNamed() {
        Table table = Table.create("t", StringColumn.create("method", "A"), IntColumn.create("x", 1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SeedBands.of(table, "method", "x", "regret"));
        assertEquals(true, error.getMessage().contains("'regret'"));
    }
}
