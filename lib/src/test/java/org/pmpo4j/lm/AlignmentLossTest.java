package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.pmpo4j.experiment.Method;
import org.pmpo4j.feedback.Feedback;
import org.pmpo4j.feedback.TopBottomSelector;
import org.pmpo4j.objective.ObjectiveResult;

class AlignmentLossTest {

    private static final TransformerConfig MODEL = new TransformerConfig(9, 8, 8, 1, 2, 16);
    /** Two prompts with four completions each, of different lengths, so padding and masks matter. */
    private static final int[][] PROMPTS = {{1, 4, 5}, {1, 4, 5}, {1, 4, 5}, {1, 4, 5}, {1, 6}, {1, 6}, {1, 6}, {1, 6}};
    private static final int[][] COMPLETIONS = {{3, 4}, {5, 6, 7}, {8}, {3, 3, 2}, {7, 7}, {4}, {5, 8, 2}, {6, 3}};
    private static final double[][] REWARDS = {{0.5, -1.0, 2.0, 0.0}, {1.0, 3.0, -2.0, 0.5}};
    /** Mismatched rows for KTO: each prompt followed by the first completion of the other prompt. */
    private static final int[][] MISMATCHED_PROMPTS = {{1, 4, 5}, {1, 6}};
    private static final int[][] MISMATCHED_COMPLETIONS = {{7, 7}, {3, 4}};

    /** Log-probabilities of the fixture under a model and its own frozen snapshot, so that π_θ = π_ref. */
    private record LogProbs(NDArray policy, NDArray reference, NDArray divergence, NDArray policyMismatched,
            NDArray referenceMismatched) {
    }

    private static LogProbs logProbs(NDManager manager, TransformerLm model, TransformerLm reference) {
        CompletionBatch batch = CompletionBatch.of(PROMPTS, COMPLETIONS, 0);
        NDArray ids = batch.idArray(manager); // (8, T)
        NDArray mask = batch.maskArray(manager); // (8, T)
        NDArray logits = model.forward(ids); // (8, T, V)
        NDArray referenceLogits = reference.forward(ids); // (8, T, V)
        NDArray policy = CompletionLogProbs.sequenceLogProbs(logits, ids, mask).reshape(2, 4); // (C, N)
        NDArray referenceLogProbs = CompletionLogProbs.sequenceLogProbs(referenceLogits, ids, mask)
                .reshape(2, 4); // (C, N)
        NDArray divergence = CompletionLogProbs.sequenceKl(referenceLogits, logits, ids, mask).reshape(2, 4)
                .mean(new int[] {1}); // (C)
        CompletionBatch mismatched = CompletionBatch.of(MISMATCHED_PROMPTS, MISMATCHED_COMPLETIONS, 0);
        NDArray mismatchedIds = mismatched.idArray(manager); // (C, T')
        NDArray mismatchedMask = mismatched.maskArray(manager); // (C, T')
        return new LogProbs(policy, referenceLogProbs, divergence,
                model.sequenceLogProbs(mismatchedIds, mismatchedMask), // (C)
                reference.sequenceLogProbs(mismatchedIds, mismatchedMask)); // (C)
    }

    private static Feedback[] topTwoBottomTwo() {
        TopBottomSelector selector = new TopBottomSelector(2, 2);
        return new Feedback[] {selector.select(REWARDS[0]), selector.select(REWARDS[1])};
    }

    private static ObjectiveResult loss(String method, LogProbs values) {
        return AlignmentLoss.compute(Method.parse(method), values.policy(), values.reference(), values.divergence(),
                topTwoBottomTwo(), REWARDS, values.policyMismatched(), values.referenceMismatched());
    }

    @Test
    void divergenceAtReferenceIsZero() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, MODEL, 4, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            for (double value : logProbs(manager, model, reference).divergence().toDoubleArray()) {
                assertEquals(0.0, value, 1e-15);
            }
        }
    }

    @Test
    void pmpoAtReferenceWeighsSetMeans() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, MODEL, 4, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            LogProbs values = logProbs(manager, model, reference);
            double[] logp = values.policy().toDoubleArray();
            // Prompt 0 accepts completions 2 and 0 (rewards 2 and 0.5) and rejects 1 and 3 (−1 and 0). Prompt 1
            // accepts 1 and 0 (3 and 1) and rejects 2 and 3 (−2 and 0.5). The KL term is 0 at π_θ = π_ref.
            double accepted = ((logp[2] + logp[0]) / 2 + (logp[5] + logp[4]) / 2) / 2;
            double rejected = ((logp[1] + logp[3]) / 2 + (logp[6] + logp[7]) / 2) / 2;
            assertEquals(-0.5 * accepted + 0.5 * rejected, loss("pmpo-ar", values).lossValue(), 1e-12);
            assertEquals(-accepted, loss("pmpo-a", values).lossValue(), 1e-12);
            assertEquals(rejected, loss("pmpo-r", values).lossValue(), 1e-12);
        }
    }

    @Test
    void dpoAtReferenceIsLn2() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, MODEL, 4, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            ObjectiveResult result = loss("dpo", logProbs(manager, model, reference));
            // Every log-ratio margin h is 0, so each pair costs −log σ(0) = ln 2; 2 pairs per prompt.
            assertEquals(Math.log(2), result.lossValue(), 1e-12);
            assertEquals(4.0, result.statistic("count/pairs"), 0.0);
        }
    }

    @Test
    void ktoAtReferenceIsHalf() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, MODEL, 4, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            ObjectiveResult result = loss("kto", logProbs(manager, model, reference));
            // Every log-ratio r and the reference point z_0 are 0, so each sample costs λ(1 − σ(0)) = 1/2.
            assertEquals(0.5, result.lossValue(), 1e-12);
            assertEquals(4.0, result.statistic("count/desirable"), 0.0);
            assertEquals(4.0, result.statistic("count/undesirable"), 0.0);
        }
    }

    @Test
    void ktoWithoutMismatchedIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, MODEL, 4, DataType.FLOAT64);
                TransformerLm reference = model.snapshot()) {
            LogProbs values = logProbs(manager, model, reference);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> AlignmentLoss.compute(Method.parse("kto"), values.policy(), values.reference(),
                            values.divergence(), topTwoBottomTwo(), REWARDS, null, null));
            assertTrue(error.getMessage().contains("KTO needs the log-probabilities of mismatched completions"),
                    error.getMessage());
        }
    }
}
