package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.pmpo4j.training.GradientScope;

class CompletionLogProbsTest {

    private static final TransformerConfig SMALL = new TransformerConfig(13, 8, 8, 2, 2, 16);

    @Test
    void uniformLogitsGiveMinusLengthTimesLnV() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.zeros(new ai.djl.ndarray.types.Shape(1, 4, 5), DataType.FLOAT64); // (1, 4, 5)
            NDArray ids = manager.create(new int[][] {{0, 1, 2, 3}});
            NDArray mask = manager.create(new int[][] {{0, 0, 1, 1}});
            // Two completion tokens, each with probability 1/5: log-prob −2·ln 5.
            double logProb = CompletionLogProbs.sequenceLogProbs(logits, ids, mask).getDouble(0);
            assertEquals(-2 * Math.log(5), logProb, 1e-12);
        }
    }

    @Test
    void promptAndPaddingTokensNeverCount() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5, DataType.FLOAT64)) {
            int[][] mask = {{0, 0, 1, 1, 0, 0}};
            double base = model.sequenceLogProbs(manager.create(new int[][] {{1, 2, 3, 4, 0, 0}}),
                    manager.create(mask)).getDouble(0);
            // Changing padding after the completion cannot change any scored position.
            double otherPadding = model.sequenceLogProbs(manager.create(new int[][] {{1, 2, 3, 4, 9, 7}}),
                    manager.create(mask)).getDouble(0);
            assertEquals(base, otherPadding, 0.0);

            // The sum equals the hand-picked per-token log-probs of tokens 2 and 3 (columns 2 and 3).
            NDArray ids = manager.create(new int[][] {{1, 2, 3, 4, 0, 0}});
            NDArray tokens = CompletionLogProbs.tokenLogProbs(model.forward(ids), ids); // (1, 5)
            assertEquals(tokens.getDouble(0, 1) + tokens.getDouble(0, 2), base, 1e-12);
        }
    }

    @Test
    void rowsOfDifferentPromptLengthsMatchAlone() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5, DataType.FLOAT64)) {
            CompletionBatch batch = CompletionBatch.of(new int[][] {{1, 2, 3}, {4}}, new int[][] {{5, 6}, {7, 8, 9}},
                    0);
            NDArray both = model.sequenceLogProbs(batch.idArray(manager), batch.maskArray(manager));
            for (int b = 0; b < 2; b++) {
                CompletionBatch single = CompletionBatch.of(new int[][] {new int[][] {{1, 2, 3}, {4}}[b]},
                        new int[][] {new int[][] {{5, 6}, {7, 8, 9}}[b]}, 0);
                double alone = model.sequenceLogProbs(single.idArray(manager), single.maskArray(manager)).getDouble(0);
                assertEquals(alone, both.getDouble(b), 1e-12, "row " + b);
            }
        }
    }

    @Test
    void klIsZeroForIdenticalModels() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            NDArray ids = manager.create(new int[][] {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}});
            NDArray mask = manager.create(new int[][] {{0, 1, 1, 1, 1}, {0, 0, 1, 1, 0}});
            NDArray kl = CompletionLogProbs.perTokenKl(reference.forward(ids), model.forward(ids), ids, mask);
            for (double value : kl.toDoubleArray()) {
                assertEquals(0.0, value, 1e-15);
            }
        }
    }

    @Test
    void klIsPositiveAfterPerturbationAndMasked() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 5, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            try (GradientScope paused = GradientScope.paused()) {
                model.parameter("finalNorm.bias").addi(manager.randomNormal(new ai.djl.ndarray.types.Shape(8))
                        .toType(DataType.FLOAT64, false));
            }
            NDArray ids = manager.create(new int[][] {{1, 2, 3, 4, 5}});
            NDArray mask = manager.create(new int[][] {{0, 0, 1, 1, 0}});
            double[] kl = CompletionLogProbs.perTokenKl(reference.forward(ids), model.forward(ids), ids, mask)
                    .toDoubleArray();
            // Entry t belongs to token t + 1: tokens 2 and 3 are in the completion, tokens 1 and 4 are not.
            assertEquals(0.0, kl[0], 0.0);
            assertTrue(kl[1] > 0, "kl at token 2 " + kl[1]);
            assertTrue(kl[2] > 0, "kl at token 3 " + kl[2]);
            assertEquals(0.0, kl[3], 0.0);
            double sum = CompletionLogProbs.sequenceKl(reference.forward(ids), model.forward(ids), ids, mask)
                    .getDouble(0);
            assertEquals(kl[1] + kl[2], sum, 1e-12);
        }
    }

    @Test
    void klMatchesDirectFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // One scored position with V = 2: p_ref = softmax(0, 0) = (1/2, 1/2), p = softmax(0, ln 3) = (1/4, 3/4).
            // KL = 1/2·ln(2) + 1/2·ln(2/3) = ln 2 − 1/2·ln 3.
            ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(1, 2, 2);
            NDArray reference = manager.create(new double[] {0, 0, 0, 0}, shape); // (1, 2, 2)
            NDArray policy = manager.create(new double[] {0, Math.log(3), 0, 0}, shape); // (1, 2, 2)
            NDArray ids = manager.create(new int[][] {{0, 1}});
            NDArray mask = manager.create(new int[][] {{0, 1}});
            double kl = CompletionLogProbs.sequenceKl(reference, policy, ids, mask).getDouble(0);
            assertEquals(Math.log(2) - 0.5 * Math.log(3), kl, 1e-15);
        }
    }

    @Test
    void maskOnFirstColumnIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.zeros(new ai.djl.ndarray.types.Shape(1, 3, 4));
            NDArray ids = manager.create(new int[][] {{0, 1, 2}});
            NDArray mask = manager.create(new int[][] {{1, 1, 0}});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CompletionLogProbs.sequenceLogProbs(logits, ids, mask));
            assertTrue(error.getMessage().contains("completionMask marks column 0 of row 0"), error.getMessage());
        }
    }

    @Test
    void nonBinaryMaskIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.zeros(new ai.djl.ndarray.types.Shape(1, 3, 4));
            NDArray ids = manager.create(new int[][] {{0, 1, 2}});
            NDArray mask = manager.create(new int[][] {{0, 2, 0}});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CompletionLogProbs.sequenceLogProbs(logits, ids, mask));
            assertTrue(error.getMessage().contains("completionMask entries must be 0 or 1, got 2.0"),
                    error.getMessage());
        }
    }

    @Test
    void mismatchedLogitShapeIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits = manager.zeros(new ai.djl.ndarray.types.Shape(1, 2, 4));
            NDArray ids = manager.create(new int[][] {{0, 1, 2}});
            NDArray mask = manager.create(new int[][] {{0, 1, 0}});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> CompletionLogProbs.sequenceLogProbs(logits, ids, mask));
            assertTrue(error.getMessage().contains("logits must have shape (B, T, V) = (1, 3, V)"),
                    error.getMessage());
        }
    }
}
