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
import org.pmpo4j.text.FeedbackJsonl;
import org.pmpo4j.text.LabelledCompletion;
import tech.tablesaw.api.Table;

class FeedbackTrainingTest {

    private static final List<LabelledCompletion> ROWS = List.of(
            new LabelledCompletion("ab", "aaa", true),
            new LabelledCompletion("cd", "aca", true),
            new LabelledCompletion("ab", "bbb", false),
            new LabelledCompletion("cd", "bcb", false));

    private static FeedbackTraining.Config config(String method, int steps) {
        return new FeedbackTraining.Config((Method.Pmpo) Method.parse(method), steps, 2, 1e-2, 3);
    }

    private static IllegalArgumentException trainFile(Path file, String method) {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, AlignmentTest.MODEL, 1);
                TransformerLm policy = base.trainableCopy(manager)) {
            return assertThrows(IllegalArgumentException.class,
                    () -> FeedbackTraining.train(policy, base, new CharTokenizer(), file, config(method, 2)));
        }
    }

    @Test
    void acceptOnlyRaisesAcceptedLogProb(@TempDir Path directory) {
        Path file = directory.resolve("feedback.jsonl");
        FeedbackJsonl.write(file, ROWS);
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, AlignmentTest.MODEL, 1);
                TransformerLm policy = base.trainableCopy(manager)) {
            Table progress = FeedbackTraining.train(policy, base, new CharTokenizer(), file, config("pmpo-a", 30));
            assertEquals(30, progress.rowCount());
            // Both accepted rows are in every batch of 2, so the first and last rows score the same completions:
            // 30 Adam steps at rate 1e-2 on their likelihood must raise it.
            double first = progress.doubleColumn("logp/accepted").get(0);
            double last = progress.doubleColumn("logp/accepted").get(29);
            assertTrue(last > first + 1, "log-prob of accepted rows from " + first + " to " + last);
            // At step 1 the policy equals π_ref, so the KL is 0.
            assertEquals(0.0, progress.doubleColumn("kl/reference").get(0), 1e-6);
        }
    }

    @Test
    void rejectOnlyLowersRejectedLogProb() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, AlignmentTest.MODEL, 1);
                TransformerLm policy = base.trainableCopy(manager)) {
            Table progress = FeedbackTraining.train(policy, base, new CharTokenizer(), ROWS, config("pmpo-r", 20));
            double first = progress.doubleColumn("logp/rejected").get(0);
            double last = progress.doubleColumn("logp/rejected").get(19);
            assertTrue(last < first - 1, "log-prob of rejected rows from " + first + " to " + last);
            assertTrue(progress.doubleColumn("logp/accepted").isMissing(0), "the accepted set is unused");
        }
    }

    @Test
    void invalidJsonLineNamesLineNumber(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("feedback.jsonl");
        Files.writeString(file, "{\"prompt\": \"ab\", \"completion\": \"aaa\", \"label\": true}\n"
                + "{\"prompt\": \"ab\", \"completion\": \"bbb\", \"label\": \"no\"}\n");
        IllegalArgumentException error = trainFile(file, "pmpo-ar");
        assertTrue(error.getMessage().contains("line 2 has \"label\" of type STRING, not a boolean"),
                error.getMessage());
    }

    @Test
    void tooLongRowNamesLineNumber(@TempDir Path directory) {
        Path file = directory.resolve("feedback.jsonl");
        FeedbackJsonl.write(file, List.of(ROWS.get(0), ROWS.get(2),
                new LabelledCompletion("abcdefgh", "abcdefgh", false)));
        IllegalArgumentException error = trainFile(file, "pmpo-ar");
        // BOS + 8 prompt letters + 8 completion letters + EOS = 18 tokens, more than the context of 16.
        assertTrue(error.getMessage().contains(file + " line 3: prompt and completion take 18 tokens with BOS and"
                + " EOS, more than the context length 16"), error.getMessage());
    }

    @Test
    void missingAcceptedRowsAreRejected(@TempDir Path directory) {
        Path file = directory.resolve("feedback.jsonl");
        FeedbackJsonl.write(file, List.of(ROWS.get(2), ROWS.get(3)));
        IllegalArgumentException error = trainFile(file, "pmpo-ar");
        assertTrue(error.getMessage().contains("no row has label true, but alpha = 0.5 > 0 needs accepted"
                + " completions"), error.getMessage());
    }

    @Test
    void missingFileIsRejected(@TempDir Path directory) {
        IllegalArgumentException error = trainFile(directory.resolve("absent.jsonl"), "pmpo-ar");
        assertTrue(error.getMessage().contains("feedback file not found"), error.getMessage());
    }

    @Test
    void zeroBatchSizeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new FeedbackTraining.Config((Method.Pmpo) Method.parse("pmpo-ar"), 10, 0, 1e-3, 1));
        assertTrue(error.getMessage().contains("batchSize must be >= 1, got 0"), error.getMessage());
    }
}
