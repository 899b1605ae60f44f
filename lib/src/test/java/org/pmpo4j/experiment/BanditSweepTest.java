package org.pmpo4j.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BanditSweepTest {

    private static BanditSweep sweep() {
        BanditConfig base = new BanditConfig("sphere", 3, Method.parse("pmpo-ar"), 12, 3, 3, 4, 3, 0.05, 0.3, 0);
        return BanditSweep.grid("test-sweep", base, List.of("sphere", "ackley"),
                List.of(Method.parse("pmpo-ar"), Method.parse("dpo")), BanditSweep.seeds(2));
    }

    @Test
    void rowsFollowConfigurationOrder() {
        Table table = sweep().run(2).table();
        // 2 functions × 2 methods × 2 seeds × (4 iterations + initial row).
        assertEquals(40, table.rowCount());
        assertEquals("sphere", table.stringColumn("function").get(0));
        assertEquals("PMPO-AR", table.stringColumn("method").get(0));
        assertEquals(1L, table.longColumn("seed").get(5));
        assertEquals("DPO", table.stringColumn("method").get(10));
        assertEquals("ackley", table.stringColumn("function").get(20));
    }

    @Test
    void threadCountDoesNotChangeResults() {
        String oneThread = sweep().run(1).table().write().toString("csv");
        String twoThreads = sweep().run(2).table().write().toString("csv");
        assertEquals(oneThread, twoThreads);
    }

    @Test
    void csvRecordsProvenanceAndReadsBack(@TempDir Path folder) {
        SweepResult result = sweep().run(2);
        Table table = result.table();
        Path file = folder.resolve("progress.csv");
        result.writeCsv(file);

        Map<String, String> header = ResultFiles.readHeader(file);
        assertEquals("[0, 1]", header.get("seeds"));
        assertEquals("[sphere, ackley]", header.get("functions"));
        assertTrue(header.get("settings").contains("samples=12"), header.get("settings"));
        assertEquals("8", header.get("runs"));
        assertEquals("0.36.0", header.get("version/djl"));
        assertEquals("2.7.1", header.get("version/pytorch"));
        assertEquals("1 per run", header.get("torch-threads"));
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), header.get("machine/processors"));
        assertFalse(header.get("machine/cpu").isBlank());
        assertTrue(header.containsKey("git"));
        assertEquals(table.rowCount(), ResultFiles.readCsv(file).rowCount());
    }

    @Test
    void sameSeedsWriteIdenticalFiles(@TempDir Path folder) throws IOException {
        sweep().run(2).writeCsv(folder.resolve("a.csv"));
        sweep().run(2).writeCsv(folder.resolve("b.csv"));
        assertEquals(Files.readString(folder.resolve("a.csv")), Files.readString(folder.resolve("b.csv")));
    }

    @Test
    void duplicateLabelsAreRejected() {
        BanditConfig base = new BanditConfig("sphere", 3, Method.parse("pmpo-ar"), 12, 3, 3, 4, 3, 0.05, 0.3, 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BanditSweep.grid("s", base,
                List.of("sphere"), List.of(Method.parse("dpo"), Method.parse("dpo")), BanditSweep.seeds(1)));
        assertTrue(error.getMessage().contains("labels must be distinct"), error.getMessage());
    }

    @Test
    void configurationListMayVaryFeedbackCounts() {
        BanditConfig base = new BanditConfig("sphere", 3, Method.parse("pmpo-a"), 12, 3, 0, 4, 3, 0.05, 0.3, 0);
        BanditSweep sweep = new BanditSweep("counts", List.of(
                base.withMethod(Method.parse("pmpo-a").withLabel("A k=1")).withFeedbackCounts(1, 0),
                base.withMethod(Method.parse("pmpo-a").withLabel("A k=6")).withFeedbackCounts(6, 0)));
        Table table = sweep.run(2).table();
        assertEquals(10, table.rowCount());
        assertEquals("A k=6", table.stringColumn("method").get(9));
        assertTrue(sweep.header().get("settings").contains("acceptCount=1"));
        assertTrue(sweep.header().get("settings").contains("acceptCount=6"));
    }

    @Test
    void invalidCombinationFailsBeforeRunning() {
        BanditConfig base = new BanditConfig("sphere", 1, Method.parse("pmpo-ar"), 12, 3, 3, 4, 3, 0.05, 0.3, 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BanditSweep.grid("s", base,
                List.of("sphere", "rosenbrock"), List.of(Method.parse("dpo")), BanditSweep.seeds(1)));
        assertTrue(error.getMessage().contains("dimension"), error.getMessage());
    }

    @Test
    void emptyListsAndBadThreadCountsAreRejected() {
        BanditConfig base = new BanditConfig("sphere", 3, Method.parse("pmpo-ar"), 12, 3, 3, 4, 3, 0.05, 0.3, 0);
        assertThrows(IllegalArgumentException.class,
                () -> BanditSweep.grid("s", base, List.of(), List.of(Method.parse("dpo")), BanditSweep.seeds(1)));
        assertThrows(IllegalArgumentException.class, () -> BanditSweep.seeds(0));
        assertThrows(IllegalArgumentException.class, () -> sweep().run(0));
    }

    @Test
    void failedSweepWritesNoCsv(@TempDir Path folder) throws IOException {
        // α = 0 and β = 0 breaks down, and without freezeWhenUnstable the breakdown stops the sweep.
        BanditConfig base = new BanditConfig("sphere", 4, new Method.Pmpo("R0", 0.0, 0.0, "kl-reference-policy"), 20,
                5, 5, 200, 20, 0.1, 0.3, 6);
        BanditSweep sweep = BanditSweep.grid("failing", base, List.of("sphere"),
                List.of(base.method()), BanditSweep.seeds(2));
        Path file = folder.resolve("progress.csv");
        assertThrows(UnstableRunException.class, () -> sweep.run(2).writeCsv(file));
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "a failed sweep must leave no file behind");
        }
    }
}
