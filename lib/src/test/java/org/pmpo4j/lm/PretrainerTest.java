package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pmpo4j.training.TorchThreads;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {

    static final TransformerConfig MODEL = new TransformerConfig(16, 8, 16, 2, 2, 32);
    static final PretrainConfig CONFIG = new PretrainConfig(4, 24, 3e-3, 8, 4, 5);

    /** A corpus of 600 tokens cycling through 0, 1, …, 15: each token determines the next one. */
    static int[] corpus() {
        int[] tokens = new int[600];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = i % 16;
        }
        return tokens;
    }

    @Test
    void tinyModelOverfitsCyclicCorpus() {
        PretrainConfig config = new PretrainConfig(8, 150, 1e-2, 50, 1000, 1);
        try (NDManager manager = NDManager.newBaseManager();
                Pretrainer pretrainer = Pretrainer.start(manager, MODEL, config, corpus(), null)) {
            double initial = pretrainer.perplexity(corpus(), 16);
            pretrainer.train();
            double trained = pretrainer.perplexity(corpus(), 16);
            // An untrained model is near uniform, perplexity about V = 16. Every next token is determined by
            // the current one, so a model that has learnt the cycle reaches perplexity 1; below 1.5 means the
            // correct token gets probability above 2/3 on average (geometric mean).
            assertTrue(initial > 10, "initial perplexity " + initial);
            assertTrue(trained < 1.5, "trained perplexity " + trained);
            assertTrue(pretrainer.lastTokensPerSecond() > 0);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<float[]> uninterrupted;
            try (Pretrainer pretrainer = Pretrainer.start(manager, MODEL, CONFIG, corpus(), null)) {
                pretrainer.train();
                uninterrupted = copy(pretrainer.model().parameters());
            }

            // Stop after step 10; the newest checkpoint is step 8, so steps 9 and 10 are lost and redone.
            try (Pretrainer first = Pretrainer.start(manager, MODEL, CONFIG, corpus(), directory)) {
                first.trainUntil(10);
            }
            try (Pretrainer resumed = Pretrainer.resume(manager, MODEL, CONFIG, corpus(), directory)) {
                assertEquals(8, resumed.step());
                resumed.train();
                assertEquals(24, resumed.step());
                assertParametersEqual(uninterrupted, resumed.model().parameters());
            }
        }
    }

    @Test
    void earlierThreadCountDoesNotMatter() {
        // A bandit sweep leaves its threads at one intra-op thread. A language-model run on such a thread must still
        // use its own count, because otherwise its reductions round differently from a run in a fresh JVM.
        List<List<float[]>> runs = new ArrayList<>();
        for (int earlier : new int[] {1, 2}) {
            TorchThreads.useOnCallingThread(earlier);
            try (NDManager manager = NDManager.newBaseManager();
                    Pretrainer pretrainer = Pretrainer.start(manager, MODEL, CONFIG, corpus(), null)) {
                pretrainer.train();
                runs.add(copy(pretrainer.model().parameters()));
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList second = new NDList();
            for (float[] values : runs.get(1)) {
                second.add(manager.create(values));
            }
            assertParametersEqual(runs.get(0), second);
        }
    }

    @Test
    void killedChildJvmResumesExactly(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("final.ndlist");
        Path checkpoints = directory.resolve("checkpoints");
        List<float[]> uninterrupted;
        try (NDManager manager = NDManager.newBaseManager();
                Pretrainer pretrainer = Pretrainer.start(manager, MODEL, CONFIG, corpus(), null)) {
            pretrainer.train();
            uninterrupted = copy(pretrainer.model().parameters());
        }

        Process child = startChild(checkpoints, 150, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Checkpoints.latestStep(checkpoints).orElse(0) < 8 && System.nanoTime() < deadline
                && child.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "child finished before it could be killed; raise the pause between steps");
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int reached = Checkpoints.latestStep(checkpoints).orElse(0);
        assertTrue(reached >= 8, "checkpoint at kill " + reached);
        assertTrue(reached < CONFIG.steps(), "checkpoint at kill " + reached);

        Process resumed = startChild(checkpoints, 0, output);
        assertTrue(resumed.waitFor(120, TimeUnit.SECONDS), "resumed child timed out");
        assertEquals(0, resumed.exitValue(), new String(resumed.getInputStream().readAllBytes()));

        try (NDManager manager = NDManager.newBaseManager(); InputStream in = Files.newInputStream(output)) {
            assertParametersEqual(uninterrupted, NDList.decode(manager, in));
        }
    }

    @Test
    void resumeRejectsOtherModelConfig(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager()) {
            try (Pretrainer first = Pretrainer.start(manager, MODEL, CONFIG, corpus(), directory)) {
                first.trainUntil(4);
            }
            TransformerConfig wider = new TransformerConfig(16, 8, 32, 2, 2, 32);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Pretrainer.resume(manager, wider, CONFIG, corpus(), directory));
            assertTrue(error.getMessage().contains("has modelConfig TransformerConfig[vocabularySize=16"),
                    error.getMessage());
        }
    }

    @Test
    void shortCorpusIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Pretrainer.start(manager, MODEL, CONFIG, new int[] {1, 2, 3}, null));
            assertTrue(error.getMessage().contains("at least contextLength + 1 = 9 ids, got 3"), error.getMessage());
        }
    }

    @Test
    void outOfVocabularyTokenIsRejected() {
        int[] tokens = corpus();
        tokens[17] = 16;
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Pretrainer.start(manager, MODEL, CONFIG, tokens, null));
            assertTrue(error.getMessage().contains("token 17 of the stream is 16, outside [0, 16)"),
                    error.getMessage());
        }
    }

    @Test
    void packDocumentsFramesEachDocument() {
        int[] stream = Pretrainer.packDocuments(List.of(new int[] {7, 8}, new int[] {}, new int[] {9}), 2, 3);
        assertArrayEquals(new int[] {2, 7, 8, 3, 2, 3, 2, 9, 3}, stream);
    }

    @Test
    void zeroBatchSizeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new PretrainConfig(0, 10, 1e-3, 1, 1, 0));
        assertTrue(error.getMessage().contains("batchSize must be >= 1, got 0"), error.getMessage());
    }

    private static Process startChild(Path checkpoints, long pauseMillis, Path output) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"),
                PretrainChild.class.getName(), checkpoints.toString(), Long.toString(pauseMillis)));
        if (output != null) {
            command.add(output.toString());
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<float[]> copy(NDList parameters) {
        List<float[]> values = new ArrayList<>();
        parameters.forEach(parameter -> values.add(parameter.toFloatArray()));
        return values;
    }

    private static void assertParametersEqual(List<float[]> expected, NDList actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            // Bit-for-bit equality: assertArrayEquals on floats compares with zero tolerance.
            assertArrayEquals(expected.get(i), actual.get(i).toFloatArray(), actual.get(i).getName());
        }
    }
}
