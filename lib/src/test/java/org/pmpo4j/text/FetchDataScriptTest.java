package org.pmpo4j.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmpo4j.experiment.ProjectRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code environment/fetch-data} on a temporary cache and checksum file, without the network: each case
 * either finds its tarball already in the cache or fails before downloading.
 */
class FetchDataScriptTest {

    private static final Path SCRIPT = ProjectRoot.find().resolve("environment/fetch-data");
    private static final String SENTIMENT_SHA256 = "89302eb03d2005d03b214fe65814bb48adb7d3c42c8ca80bdee6a3ecb7e4480f";

    @Test
    void wrongChecksumDeletesTarball(@TempDir Path cache) throws Exception {
        Files.writeString(cache.resolve("sentiment-5.0.2.tgz"), "not the real tarball");
        String zeros = "0".repeat(64);
        Path checksums = writeChecksums(cache, zeros + "  sentiment-5.0.2.tgz\n");

        Result result = run(cache, checksums, System.getenv("PATH"));

        assertEquals(1, result.exitCode());
        assertTrue(result.errors().contains("checksum mismatch for sentiment-5.0.2.tgz: expected sha256 " + zeros
                + ", got "), result.errors());
        assertTrue(result.errors().contains("Rerun environment/fetch-data to download it again"), result.errors());
        assertEquals(List.of("checksums.sha256"), listNames(cache), "the bad tarball and temporary folders are gone");
    }

    @Test
    void verifiedTarballIsExtractedOnce(@TempDir Path cache) throws Exception {
        Path tarball = ProjectRoot.find().resolve("data/cache/sentiment-5.0.2.tgz");
        Files.copy(tarball, cache.resolve("sentiment-5.0.2.tgz"));
        Path checksums = writeChecksums(cache, SENTIMENT_SHA256 + "  sentiment-5.0.2.tgz\n");

        Result first = run(cache, checksums, System.getenv("PATH"));
        Result second = run(cache, checksums, System.getenv("PATH"));

        assertEquals(0, first.exitCode(), first.errors());
        assertTrue(Files.isRegularFile(cache.resolve("sentiment-5.0.2/package/languages/en/labels.json")));
        assertEquals(0, second.exitCode(), second.errors());
        assertTrue(second.output().contains("sentiment-5.0.2 already extracted"), second.output());
    }

    @Test
    void missingChecksumLineIsRejected(@TempDir Path cache) throws Exception {
        Path checksums = writeChecksums(cache, "");
        Result result = run(cache, checksums, System.getenv("PATH"));

        assertEquals(1, result.exitCode());
        assertTrue(result.errors().contains("no sha256 for sentiment-5.0.2.tgz in " + checksums
                + "; add a line '<sha256>  sentiment-5.0.2.tgz'"), result.errors());
    }

    @Test
    void missingNpmAndPythonAreNamed(@TempDir Path cache, @TempDir Path tools) throws Exception {
        linkTools(tools, List.of());
        Path checksums = writeChecksums(cache, SENTIMENT_SHA256 + "  sentiment-5.0.2.tgz\n");

        Result result = run(cache, checksums, tools.toString(), Map.of());

        assertEquals(1, result.exitCode());
        assertTrue(result.errors().contains("neither npm nor python3 found on PATH, but one is needed to download"
                + " sentiment@5.0.2"), result.errors());
        assertEquals(List.of("checksums.sha256"), listNames(cache), "no temporary folder is left");
    }

    @Test
    void withoutNpmPythonDownloadsFromRegistry(@TempDir Path cache, @TempDir Path tools, @TempDir Path registry)
            throws Exception {
        // A registry laid out like registry.npmjs.org (NAME/-/NAME-VERSION.tgz), served as file:// addresses.
        Path packageFolder = Files.createDirectories(registry.resolve("sentiment/-"));
        Files.copy(ProjectRoot.find().resolve("data/cache/sentiment-5.0.2.tgz"),
                packageFolder.resolve("sentiment-5.0.2.tgz"));
        linkTools(tools, List.of("python3"));
        Path checksums = writeChecksums(cache, SENTIMENT_SHA256 + "  sentiment-5.0.2.tgz\n");

        Result result = run(cache, checksums, tools.toString(),
                Map.of("PMPO4J_NPM_REGISTRY", registry.toUri().toString().replaceAll("/$", "")));

        assertEquals(0, result.exitCode(), result.errors());
        assertTrue(result.output().contains("sentiment-5.0.2.tgz with python3"), result.output());
        assertTrue(Files.isRegularFile(cache.resolve("sentiment-5.0.2/package/languages/en/labels.json")));
    }

    @Test
    void registryVariableWinsOverNpm(@TempDir Path cache, @TempDir Path registry) throws Exception {
        Path packageFolder = Files.createDirectories(registry.resolve("sentiment/-"));
        Files.copy(ProjectRoot.find().resolve("data/cache/sentiment-5.0.2.tgz"),
                packageFolder.resolve("sentiment-5.0.2.tgz"));
        Path checksums = writeChecksums(cache, SENTIMENT_SHA256 + "  sentiment-5.0.2.tgz\n");

        Result result = run(cache, checksums, System.getenv("PATH"),
                Map.of("PMPO4J_NPM_REGISTRY", registry.toUri().toString()));

        assertEquals(0, result.exitCode(), result.errors());
        assertTrue(result.output().contains("downloading " + registry.toUri() + "sentiment/-/sentiment-5.0.2.tgz"
                + " with python3"), result.output());
    }

    @Test
    void staleTemporaryFolderIsRemoved(@TempDir Path cache) throws Exception {
        Files.copy(ProjectRoot.find().resolve("data/cache/sentiment-5.0.2.tgz"), cache.resolve("sentiment-5.0.2.tgz"));
        Files.createDirectories(cache.resolve(".tmp-sentiment-5.0.2.abc123/extracted"));
        Path checksums = writeChecksums(cache, SENTIMENT_SHA256 + "  sentiment-5.0.2.tgz\n");

        Result result = run(cache, checksums, System.getenv("PATH"));

        assertEquals(0, result.exitCode(), result.errors());
        assertEquals(List.of("checksums.sha256", "sentiment-5.0.2", "sentiment-5.0.2.tgz"), listNames(cache));
    }

    @Test
    void packageWithoutVersionIsRejected(@TempDir Path cache) throws Exception {
        Path checksums = writeChecksums(cache, SENTIMENT_SHA256 + "  sentiment-5.0.2.tgz\n");
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString(), "sentiment");
        builder.environment().put("PMPO4J_DATA_CACHE", cache.toString());
        builder.environment().put("PMPO4J_CHECKSUMS", checksums.toString());
        Process process = builder.start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, process.waitFor());
        assertTrue(errors.contains("package 'sentiment' is not of the form NAME@VERSION, for example sentiment@5.0.2"),
                errors);
    }

    /** Fills {@code tools} with links to the commands the script needs, without npm or python3, plus {@code extra}. */
    private static void linkTools(Path tools, List<String> extra) throws IOException {
        List<String> names = new java.util.ArrayList<>(List.of("bash", "dirname", "awk", "sha256sum", "mktemp",
                "mkdir", "rm", "mv", "tar", "gzip", "basename", "cat", "tail"));
        names.addAll(extra);
        for (String tool : names) {
            Path target = Path.of("/usr/bin", tool);
            if (!Files.exists(target)) {
                target = Path.of("/bin", tool);
            }
            Files.createSymbolicLink(tools.resolve(tool), target);
        }
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result run(Path cache, Path checksums, String path) throws IOException, InterruptedException {
        return run(cache, checksums, path, Map.of());
    }

    private static Result run(Path cache, Path checksums, String path, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString(), "sentiment@5.0.2");
        Map<String, String> environment = builder.environment();
        environment.putAll(extraEnvironment);
        environment.put("PMPO4J_DATA_CACHE", cache.toString());
        environment.put("PMPO4J_CHECKSUMS", checksums.toString());
        environment.put("PATH", path);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output, errors);
    }

    private static Path writeChecksums(Path cache, String content) throws IOException {
        Path checksums = cache.resolve("checksums.sha256");
        Files.writeString(checksums, content);
        return checksums;
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
