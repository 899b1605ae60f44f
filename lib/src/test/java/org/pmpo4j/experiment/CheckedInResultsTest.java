package org.pmpo4j.experiment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the checked-in tables under {@code results/}: they must come from paper-scale runs, because the executed
 * notebooks show paper-scale outputs and a smoke run written there would silently replace them.
 */
class CheckedInResultsTest {

    private static final Path RESULTS = ProjectRoot.find().resolve("results");

    @Test
    void noCheckedInTableIsFromASmokeRun() throws IOException {
        List<Path> tables = tables();
        assertFalse(tables.isEmpty(), "no CSV found under " + RESULTS);
        for (Path table : tables) {
            for (String line : header(table)) {
                assertFalse(line.equals("# scale: smoke"), table + " was written by a smoke-scale run");
            }
        }
    }

    @Test
    void seededTablesRecordFiveSeeds() throws IOException {
        for (Path table : tables()) {
            for (String line : header(table)) {
                if (line.startsWith("# seeds: [")) {
                    // "# seeds: [0, 1, 2, 3, 4]" lists five seeds, separated by four commas.
                    long seeds = line.chars().filter(c -> c == ',').count() + 1;
                    assertTrue(seeds >= 5, table + " records " + seeds + " seeds; paper-scale runs use at least 5");
                }
            }
        }
    }

    private static List<Path> tables() throws IOException {
        try (Stream<Path> files = Files.walk(RESULTS)) {
            return files.filter(file -> file.toString().endsWith(".csv"))
                    .filter(file -> !RESULTS.relativize(file).startsWith("smoke"))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> header(Path table) throws IOException {
        try (Stream<String> lines = Files.lines(table)) {
            return lines.takeWhile(line -> line.startsWith("#")).toList();
        }
    }
}
