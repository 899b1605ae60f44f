package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmpo4j.experiment.Method;
import tech.tablesaw.api.Table;

class AlignmentTest {

    static final TransformerConfig MODEL = new TransformerConfig(CharTokenizer.vocabularySize(), 16, 16, 1, 2, 32);
    static final List<String> TRAINING_PROMPTS = List.of("ab", "ba", "cd", "dc", "ef", "fe");
    static final List<String> EVALUATION_PROMPTS = List.of("ac", "bd", "eg");

    /** Reward of a text: its number of a's minus its number of b's. */
    static double reward(String text) {
        return text.chars().filter(ch -> ch == 'a').count() - text.chars().filter(ch -> ch == 'b').count();
    }

    /** Win rate by the number of a's alone, ties counting half: a judge that differs from the reward. */
    static double winRate(List<String> policy, List<String> base) {
        double wins = 0;
        for (int i = 0; i < policy.size(); i++) {
            long policyCount = policy.get(i).chars().filter(ch -> ch == 'a').count();
            long baseCount = base.get(i).chars().filter(ch -> ch == 'a').count();
            if (policyCount > baseCount) {
                wins += 1;
            } else if (policyCount == baseCount) {
                wins += 0.5;
            }
        }
        return wins / policy.size();
    }

    static AlignmentInputs inputs(TransformerLm base) {
        return new AlignmentInputs(base, new CharTokenizer(), AlignmentTest::reward, AlignmentTest::winRate,
                TRAINING_PROMPTS, EVALUATION_PROMPTS);
    }

    /** Returns a run of 6 steps that refreshes π_ref every 3, so a checkpoint at step 4 must restore that π_ref. */
    static AlignmentConfig checkpointedConfig() {
        return new AlignmentConfig(Method.parse("pmpo-ar"), 6, 3, 4, 2, 2, 8, 1.0, 1e-2, 3, 2, 11);
    }

    static AlignmentConfig config(String method, int steps, long seed) {
        return new AlignmentConfig(Method.parse(method), steps, 3, 4, 2, 2, 8, 1.0, 1e-2, 0, 2, seed);
    }

    @Test
    void sameSeedGivesSameCsv(@TempDir Path directory) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            Path first = directory.resolve("first.csv");
            Path second = directory.resolve("second.csv");
            Path other = directory.resolve("other.csv");
            Alignment.run(config("pmpo-ar", 4, 5), inputs(base)).writeCsv(first);
            Alignment.run(config("pmpo-ar", 4, 5), inputs(base)).writeCsv(second);
            Alignment.run(config("pmpo-ar", 4, 6), inputs(base)).writeCsv(other);
            assertEquals(Files.readString(first), Files.readString(second));
            assertTrue(!Files.readString(first).equals(Files.readString(other)), "another seed gave the same CSV");
        }
    }

    @Test
    void everyMethodRecordsEvaluationRows() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            for (String method : List.of("pmpo-ar", "pmpo-a", "pmpo-r", "dpo", "kto")) {
                AlignmentResult result = Alignment.run(config(method, 3, 2), inputs(base));
                Table progress = result.progress();
                // Row 0 before training, then steps 2 and 3: every evaluationInterval = 2 steps and the last.
                assertEquals(List.of(0, 2, 3), progress.intColumn("step").asList(), method);
                assertEquals(Alignment.COLUMNS, progress.columnNames(), method);
                assertTrue(progress.doubleColumn("loss").isMissing().contains(0), method + ": row 0 has no loss");
                assertTrue(Double.isFinite(progress.doubleColumn("loss").get(2)), method);
                assertEquals(0, progress.intColumn("unstable").sum(), 0.0, method);
            }
        }
    }

    @Test
    void firstStepStartsAtReference() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            AlignmentConfig oneStep = new AlignmentConfig(Method.parse("pmpo-r"), 1, 3, 4, 2, 2, 8, 1.0, 1e-2, 0, 1,
                    5);
            Table progress = Alignment.run(oneStep, inputs(base)).progress();
            // Before the first update π_θ equals the base model, which is π_ref: the training KL and the KL to the
            // base model in row 0 are exactly 0.
            assertEquals(0.0, progress.doubleColumn("kl/reference").get(1), 1e-6);
            assertEquals(0.0, progress.doubleColumn("kl/base").get(0), 1e-6);
            assertTrue(progress.doubleColumn("kl/base").get(1) > 0, "the step moved the policy");
        }
    }

    @Test
    void pmpoRaisesRewardOnToyTask() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            List<String> evaluation = List.of("a", "b", "c", "d", "e", "f", "g", "h", "ab", "cd", "ef", "gh");
            AlignmentInputs inputs = new AlignmentInputs(base, new CharTokenizer(), AlignmentTest::reward,
                    AlignmentTest::winRate, TRAINING_PROMPTS, evaluation);
            // π_ref follows π_θ after every step, so each step learns from the current policy's own samples.
            AlignmentConfig config = new AlignmentConfig(Method.parse("pmpo-ar"), 20, 3, 4, 2, 2, 8, 1.0, 1e-2, 1,
                    20, 7);
            Table progress = Alignment.run(config, inputs).progress();
            double before = progress.doubleColumn("reward/policy").get(0);
            double after = progress.doubleColumn("reward/policy").get(1);
            // The reward counts a's minus b's among at most 8 new characters drawn from a near-uniform 12-token
            // vocabulary, so it starts near 0 and is at most 8 (plus the a's of the prompt). 20 steps on the top 2
            // and bottom 2 of 4 samples should raise it by at least two letters.
            assertTrue(after > before + 2, "reward before " + before + ", after " + after);
            assertTrue(progress.doubleColumn("win_rate/base").get(1) > 0.5);
        }
    }

    @Test
    void refreshEveryStepMakesDpoFollowPmpoAr() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            AlignmentConfig pmpo = new AlignmentConfig(new Method.Pmpo("PMPO-AR", 0.5, 1.0, "kl-reference-policy"),
                    4, 3, 4, 2, 2, 8, 1.0, 1e-2, 1, 4, 9);
            AlignmentConfig dpo = pmpo.withMethod(new Method.Dpo("DPO", 1.0));
            double pmpoKl = Alignment.run(pmpo, inputs(base)).progress().doubleColumn("kl/base").get(1);
            double dpoKl = Alignment.run(dpo, inputs(base)).progress().doubleColumn("kl/base").get(1);
            // With π_ref = π_θ at the start of every step, the KL gradient is 0 and every DPO margin is 0, so DPO's
            // gradient −β/2·(mean ∇log π over D_a − mean over D_r) equals PMPO-AR's for β = 1. Both runs then draw
            // the same samples and take the same steps, up to rounding.
            assertTrue(pmpoKl > 0, "the policy moved");
            assertEquals(pmpoKl, dpoKl, 1e-3 * pmpoKl);
        }
    }

    @Test
    void feedbackRowsRoundTripThroughJsonl(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            AlignmentResult result = Alignment.run(config("pmpo-ar", 2, 4), inputs(base));
            // 2 steps × 3 prompts × (2 accepted + 2 rejected), less completions that decode to blank text.
            assertTrue(result.feedback().size() <= 24, "feedback rows " + result.feedback().size());
            assertTrue(result.feedback().size() >= 20, "feedback rows " + result.feedback().size());
            assertTrue(result.feedback().stream().anyMatch(row -> row.label()));
            assertTrue(result.feedback().stream().anyMatch(row -> !row.label()));
            Path file = directory.resolve("feedback.jsonl");
            result.writeFeedback(file);
            assertEquals(result.feedback(), org.pmpo4j.text.FeedbackJsonl.read(file));
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path directory) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            AlignmentConfig config = checkpointedConfig();
            AlignmentResult uninterrupted = Alignment.run(config, inputs(base));
            Path checkpoints = directory.resolve("checkpoints");
            // Stop after step 5; the newest checkpoint is step 4, so step 5 is lost and redone.
            Alignment.run(config, inputs(base), checkpoints, 2, 5);
            AlignmentResult resumed = Alignment.run(config, inputs(base), checkpoints, 2);

            uninterrupted.writeCsv(directory.resolve("uninterrupted.csv"));
            resumed.writeCsv(directory.resolve("resumed.csv"));
            assertEquals(Files.readString(directory.resolve("uninterrupted.csv")),
                    Files.readString(directory.resolve("resumed.csv")));
            assertEquals(uninterrupted.feedback(), resumed.feedback());
        }
    }

    @Test
    void killedChildJvmResumesExactly(@TempDir Path directory) throws Exception {
        Path uninterruptedCsv = directory.resolve("uninterrupted.csv");
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            Alignment.run(checkpointedConfig(), inputs(base)).writeCsv(uninterruptedCsv);
        }
        Path checkpoints = directory.resolve("checkpoints");
        Process child = startChild(checkpoints, 3000, null);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (Checkpoints.latestStep(checkpoints).orElse(0) < 2 && System.nanoTime() < deadline
                && child.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "child finished before it could be killed; raise the pause between calls");
        child.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        int reached = Checkpoints.latestStep(checkpoints).orElse(0);
        assertTrue(reached >= 2, "checkpoint at kill " + reached);
        assertTrue(reached < 6, "checkpoint at kill " + reached);

        Path resumedCsv = directory.resolve("resumed.csv");
        Process resumed = startChild(checkpoints, 0, resumedCsv);
        assertTrue(resumed.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "resumed child timed out");
        assertEquals(0, resumed.exitValue(), new String(resumed.getInputStream().readAllBytes()));
        assertEquals(Files.readString(uninterruptedCsv), Files.readString(resumedCsv));
    }

    private static Process startChild(Path checkpoints, long pauseMillis, Path output) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"),
                AlignmentChild.class.getName(), checkpoints.toString(), Long.toString(pauseMillis)));
        if (output != null) {
            command.add(output.toString());
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void checkpointIntervalMustMatchEvaluations(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Alignment.run(config("pmpo-ar", 4, 1), inputs(base), directory, 3));
            assertTrue(error.getMessage().contains("checkpointInterval must be a positive multiple of the evaluation"
                    + " interval 2, got 3"), error.getMessage());
        }
    }

    @Test
    void checkpointOfOtherConfigIsRejected(@TempDir Path directory) {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            Alignment.run(config("pmpo-ar", 2, 1), inputs(base), directory, 2);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Alignment.run(config("pmpo-ar", 2, 2), inputs(base), directory, 2));
            assertTrue(error.getMessage().contains("resume with the settings of the interrupted run"),
                    error.getMessage());
        }
    }

    @Test
    void promptTooLongForContextIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            AlignmentInputs longPrompt = new AlignmentInputs(base, new CharTokenizer(), AlignmentTest::reward,
                    AlignmentTest::winRate, List.of("ab", "abcdefgh"), EVALUATION_PROMPTS);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Alignment.run(config("pmpo-ar", 2, 1), longPrompt));
            // 8 letters plus BOS is 9 tokens, and 8 new tokens make 17 > 16.
            assertTrue(error.getMessage().contains("training prompt 1 has 9 tokens with BOS, and with maxNewTokens 8"
                    + " it needs 17, more than the context length 16"), error.getMessage());
        }
    }

    @Test
    void emptyPromptListIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new AlignmentInputs(base, new CharTokenizer(), AlignmentTest::reward,
                            AlignmentTest::winRate, List.of(), EVALUATION_PROMPTS));
            assertTrue(error.getMessage().contains("trainingPrompts must contain at least one prompt"),
                    error.getMessage());
        }
    }
}
