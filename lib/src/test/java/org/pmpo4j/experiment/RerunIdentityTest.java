package org.pmpo4j.experiment;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reruns of a short experiment in fresh JVMs: the same seed must give a byte-identical CSV, a different seed a
 * different one. Separate JVMs catch what one JVM hides: JIT-dependent math, lazily loaded native settings and
 * garbage-collection timing.
 */
class RerunIdentityTest {

    private static String runChild(String family, long seed, Path output) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), RerunChild.class.getName(), family,
                Long.toString(seed), output.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.resolveSibling(output.getFileName() + ".log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, process.exitValue(), () -> "child JVM failed: " + readLog(output));
        return Files.readString(output);
    }

    private static String readLog(Path output) {
        try {
            return Files.readString(output.resolveSibling(output.getFileName() + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bandit", "sensitivity"})
    void sameSeedGivesIdenticalCsvAcrossJvms(String family, @TempDir Path folder) throws Exception {
        String first = runChild(family, 3, folder.resolve("first.csv"));
        String second = runChild(family, 3, folder.resolve("second.csv"));
        String otherSeed = runChild(family, 4, folder.resolve("other.csv"));

        assertEquals(first, second, "same seed, different CSV");
        assertNotEquals(first, otherSeed, "a different seed should change the results");
        assertTrue(first.startsWith("# experiment: rerun-"), "the CSV starts with its provenance header");
    }
}
