package org.pmpo4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsDirectoryTest {

    private static final Path PROJECT = Path.of("/checkout");

    @Test
    void paperScaleWritesToResults() {
        assertEquals(Path.of("/checkout/results"), ResultsDirectory.root(Map.of(), () -> PROJECT));
        assertEquals(Path.of("/checkout/results"),
                ResultsDirectory.root(Map.of("PMPO_SCALE", "paper"), () -> PROJECT));
    }

    @Test
    void smokeScaleWritesBesideCheckedInResults() {
        assertEquals(Path.of("/checkout/results/smoke"),
                ResultsDirectory.root(Map.of("PMPO_SCALE", "smoke"), () -> PROJECT));
    }

    @Test
    void overrideWinsAtEveryScale() {
        assertEquals(Path.of("/tmp/out"),
                ResultsDirectory.root(Map.of("PMPO_SCALE", "smoke", "PMPO_RESULTS", "/tmp/out"), () -> PROJECT));
        assertEquals(Path.of("/tmp/out"), ResultsDirectory.root(Map.of("PMPO_RESULTS", "/tmp/out"), () -> {
            throw new AssertionError("the project root is not needed when PMPO_RESULTS is set");
        }));
    }

    @Test
    void relativeOverrideCountsFromProjectRoot() {
        assertEquals(Path.of("/checkout/target/out"),
                ResultsDirectory.root(Map.of("PMPO_RESULTS", "target/out"), () -> PROJECT));
    }

    @Test
    void invalidScaleIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ResultsDirectory.root(Map.of("PMPO_SCALE", "tiny"), () -> PROJECT));
        assertTrue(error.getMessage().contains("PMPO_SCALE must be 'smoke' or 'paper', got 'tiny'"),
                error.getMessage());
    }

    @Test
    void nestedNotebookNameIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ResultsDirectory.forNotebook("../elsewhere"));
        assertTrue(error.getMessage().contains("got '../elsewhere'"), error.getMessage());
    }
}
