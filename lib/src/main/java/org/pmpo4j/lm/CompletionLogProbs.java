package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pmpo4j.training.NativeArrays;

/**
 * Log-probabilities and the exact per-token KL divergence of completions under a language model, from its
 * logits, for the PMPO loss −α·mean_{D_a} log π_θ(y|x) + (1−α)·mean_{D_r} log π_θ(y|x) + β·KL(π_ref‖π_θ)
 * (Abdolmaleki et al., "Learning from negative feedback, or positive feedback or both", ICLR 2025).
 *
 * <p>Each row of {@code ids} (B, T) is a prompt x followed by a completion y and right padding. The
 * completion mask (B, T) is 1 on the tokens of y and 0 on prompt and padding tokens. Logits (B, T, V) at
 * position t score the token at t + 1, so token t is scored by the logits at t − 1, and the first token of
 * a row, which has no prefix, can never be a completion token. Every function subtracts the maximum logit
 * inside a log-softmax, so large logits do not overflow.
 */
public final class CompletionLogProbs {

    private CompletionLogProbs() {
    }

    /**
     * Computes log π(y | x) = Σ_t m_t · log π(ids_t | ids_{<t}) per row.
     *
     * @param logits model output, shape (B, T, V)
     * @param ids prompt, completion and padding ids, integer type, shape (B, T)
     * @param completionMask 0/1 or boolean, shape (B, T), 0 in column 0
     * @return log-probabilities, shape (B), attached to the manager of {@code logits}
     * @throws IllegalArgumentException if a shape differs, a mask entry is not 0 or 1, or a mask marks column 0
     */
    public static NDArray sequenceLogProbs(NDArray logits, NDArray ids, NDArray completionMask) {
        NDArray targetMask = targetMask(logits, ids, completionMask); // (B, T-1)
        NDArray tokenLogProbs = tokenLogProbs(logits, ids); // (B, T-1)
        return tokenLogProbs.mul(targetMask).sum(new int[] {1}); // (B)
    }

    /**
     * Computes log π(ids_{t+1} | ids_{≤t}) at every position, unmasked.
     *
     * @param logits shape (B, T, V)
     * @param ids integer type, shape (B, T)
     * @return shape (B, T − 1); entry (b, t) is the log-probability of token t + 1
     */
    public static NDArray tokenLogProbs(NDArray logits, NDArray ids) {
        requireLogits(logits, ids);
        long length = ids.getShape().get(1);
        NDArray logProbs = logits.get(":, 0:" + (length - 1) + ", :").logSoftmax(-1); // (B, T-1, V)
        // gather's backward pass reads the indices, so they are copied out of any Java buffer behind ids.
        NDArray targets = NativeArrays.copyAs(ids.get(":, 1:"), DataType.INT64).expandDims(2); // (B, T-1, 1)
        targets.attach(logProbs.getManager());
        return logProbs.gather(targets, 2).squeeze(2); // (B, T-1)
    }

    /**
     * Computes the exact KL(π_ref‖π_θ) of the next-token distributions at each completion token,
     * Σ_v π_ref(v | prefix_t) · (log π_ref(v | prefix_t) − log π_θ(v | prefix_t)), and 0 elsewhere. The
     * divergence is taken along the given sequences, normally completions sampled from π_ref.
     *
     * @param referenceLogits π_ref's logits, shape (B, T, V); no gradient flows into them
     * @param policyLogits π_θ's logits, shape (B, T, V)
     * @param ids shape (B, T), used only to check the shapes
     * @param completionMask shape (B, T), as in {@link #sequenceLogProbs}
     * @return per-token KL ≥ 0, shape (B, T − 1); entry (b, t) belongs to token t + 1
     */
    public static NDArray perTokenKl(NDArray referenceLogits, NDArray policyLogits, NDArray ids,
            NDArray completionMask) {
        requireLogits(referenceLogits, ids);
        NDArray targetMask = targetMask(policyLogits, ids, completionMask); // (B, T-1)
        long length = ids.getShape().get(1);
        String predictive = ":, 0:" + (length - 1) + ", :";
        NDArray referenceLogProbs = referenceLogits.get(predictive).stopGradient().logSoftmax(-1); // (B, T-1, V)
        referenceLogProbs.attach(policyLogits.getManager());
        NDArray policyLogProbs = policyLogits.get(predictive).logSoftmax(-1); // (B, T-1, V)
        NDArray divergence = policyLogProbs.neg().add(referenceLogProbs) // (B, T-1, V)
                .mul(referenceLogProbs.exp())
                .sum(new int[] {2}); // (B, T-1)
        return divergence.mul(targetMask); // (B, T-1)
    }

    /**
     * Sums {@link #perTokenKl} over each completion: the KL divergence between π_ref and π_θ of the whole
     * completion, given the prompt, estimated along the given sequence, shape (B).
     */
    public static NDArray sequenceKl(NDArray referenceLogits, NDArray policyLogits, NDArray ids,
            NDArray completionMask) {
        return perTokenKl(referenceLogits, policyLogits, ids, completionMask).sum(new int[] {1}); // (B)
    }

    /**
     * Returns the mask of scored tokens, columns 1 … T − 1 of the completion mask, as floats of the logits' type in
     * PyTorch-owned memory.
     */
    private static NDArray targetMask(NDArray logits, NDArray ids, NDArray completionMask) {
        requireLogits(logits, ids);
        if (!completionMask.getShape().equals(ids.getShape())) {
            throw new IllegalArgumentException("completionMask must have the shape of ids " + ids.getShape()
                    + ", got " + completionMask.getShape() + "; build both with CompletionBatch");
        }
        float[] values = completionMask.toType(DataType.FLOAT32, false).toFloatArray();
        long length = ids.getShape().get(1);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f && values[i] != 1f) {
                throw new IllegalArgumentException("completionMask entries must be 0 or 1, got " + values[i]
                        + " at flat index " + i + "; mark completion tokens with 1 and the rest with 0");
            }
            if (i % length == 0 && values[i] != 0f) {
                throw new IllegalArgumentException("completionMask marks column 0 of row " + (i / length)
                        + ", but the first token has no prefix to predict it; start every row with at least one"
                        + " prompt token, such as a beginning-of-sequence id");
            }
        }
        // The products with the mask keep it for the backward pass, so it must not live in a Java buffer.
        NDArray mask = NativeArrays.owned(logits.getManager().create(values, completionMask.getShape())); // (B, T)
        return mask.get(":, 1:").toType(logits.getDataType(), false); // (B, T-1)
    }

    private static void requireLogits(NDArray logits, NDArray ids) {
        Shape idShape = ids.getShape();
        Shape logitShape = logits.getShape();
        if (idShape.dimension() != 2 || idShape.get(1) < 2) {
            throw new IllegalArgumentException("ids must have shape (B, T) with T >= 2, got " + idShape
                    + "; a completion needs at least one prompt token before it");
        }
        if (logitShape.dimension() != 3 || logitShape.get(0) != idShape.get(0)
                || logitShape.get(1) != idShape.get(1)) {
            throw new IllegalArgumentException("logits must have shape (B, T, V) = (" + idShape.get(0) + ", "
                    + idShape.get(1) + ", V) to match ids, got " + logitShape + "; pass the model's forward output");
        }
    }
}
