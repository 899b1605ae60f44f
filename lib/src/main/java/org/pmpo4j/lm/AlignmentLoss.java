package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.pmpo4j.experiment.Method;
import org.pmpo4j.feedback.Feedback;
import org.pmpo4j.feedback.Pairing;
import org.pmpo4j.objective.Dpo;
import org.pmpo4j.objective.Kto;
import org.pmpo4j.objective.ObjectiveResult;
import org.pmpo4j.objective.Pmpo;
import org.pmpo4j.training.NativeArrays;

/**
 * The loss of one alignment step for C prompts with N completions each, from sequence log-probabilities
 * log π(y | x) of the completions:
 *
 * <ul>
 *   <li>PMPO: −α·mean_{D_a} log π_θ + (1 − α)·mean_{D_r} log π_θ + β·KL(π_ref ‖ π_θ), each mean taken per prompt
 *       and then over prompts ({@link Pmpo}'s masked (C, N) overload); the KL is the caller's per-prompt mean of
 *       the exact per-token KL summed over each completion.
 *   <li>DPO: pairs the i-th best accepted with the i-th worst rejected completion of each prompt ({@link Pairing})
 *       and averages −log σ(β·h) over all pairs ({@link Dpo}); no KL term is added.
 *   <li>KTO: D_a as desirable and D_r as undesirable completions ({@link Kto} with λ_D = λ_U = 1); the reference
 *       point comes from each prompt's first completion scored under the next prompt.
 * </ul>
 */
final class AlignmentLoss {

    private AlignmentLoss() {
    }

    /**
     * Computes the method's loss.
     *
     * @param policy log π_θ of every completion, shape (C, N), with gradients
     * @param reference log π_ref of every completion, shape (C, N), without gradients
     * @param divergence per-prompt KL(π_ref ‖ π_θ), shape (C), with gradients; used by PMPO only
     * @param feedback accepted and rejected completion indices of each prompt, C entries
     * @param rewards reward of each completion, C rows of N, for DPO's pairing by rank
     * @param policyMismatched log π_θ of completions scored under another prompt, shape (C); KTO only, else null
     * @param referenceMismatched log π_ref of the same, shape (C); KTO only, else null
     */
    static ObjectiveResult compute(Method method, NDArray policy, NDArray reference, NDArray divergence,
            Feedback[] feedback, double[][] rewards, NDArray policyMismatched, NDArray referenceMismatched) {
        if (method instanceof Method.Pmpo pmpo) {
            return pmpoLoss(pmpo, policy, divergence, feedback);
        }
        if (method instanceof Method.Dpo dpo) {
            return dpoLoss(dpo, policy, reference, feedback, rewards);
        }
        if (method instanceof Method.Kto kto) {
            return ktoLoss(kto, policy, reference, feedback, policyMismatched, referenceMismatched);
        }
        throw new IllegalArgumentException("method " + method.label() + " is not supported for language-model"
                + " alignment; use PMPO, DPO or KTO");
    }

    private static ObjectiveResult pmpoLoss(Method.Pmpo method, NDArray policy, NDArray divergence,
            Feedback[] feedback) {
        Shape shape = policy.getShape(); // (C, N)
        int samples = Math.toIntExact(shape.get(1));
        boolean[] accepted = new boolean[feedback.length * samples];
        boolean[] rejected = new boolean[feedback.length * samples];
        for (int c = 0; c < feedback.length; c++) {
            for (int index : feedback[c].accepted()) {
                accepted[c * samples + index] = true;
            }
            for (int index : feedback[c].rejected()) {
                rejected[c * samples + index] = true;
            }
        }
        NDManager manager = policy.getManager();
        try (NDArray acceptedMask = manager.create(accepted, shape); // (C, N)
                NDArray rejectedMask = manager.create(rejected, shape)) { // (C, N)
            return new Pmpo(method.alpha(), method.beta()).loss(policy, acceptedMask, rejectedMask, divergence);
        }
    }

    private static ObjectiveResult dpoLoss(Method.Dpo method, NDArray policy, NDArray reference,
            Feedback[] feedback, double[][] rewards) {
        int samples = Math.toIntExact(policy.getShape().get(1));
        int pairCount = 0;
        int[][][] pairs = new int[feedback.length][][];
        for (int c = 0; c < feedback.length; c++) {
            pairs[c] = Pairing.pairs(feedback[c], rewards[c]);
            pairCount += pairs[c].length;
        }
        long[] chosen = new long[pairCount];
        long[] rejected = new long[pairCount];
        int next = 0;
        for (int c = 0; c < feedback.length; c++) {
            for (int[] pair : pairs[c]) {
                chosen[next] = (long) c * samples + pair[0];
                rejected[next] = (long) c * samples + pair[1];
                next++;
            }
        }
        NDManager manager = policy.getManager();
        // gather's backward pass reads the indices, so they live in PyTorch-owned memory.
        NDArray chosenIndex = NativeArrays.owned(manager.create(chosen)); // (P)
        NDArray rejectedIndex = NativeArrays.owned(manager.create(rejected)); // (P)
        NDArray policyFlat = policy.reshape(-1); // (C·N)
        NDArray referenceFlat = reference.reshape(-1); // (C·N)
        return new Dpo(method.beta()).loss(
                policyFlat.gather(chosenIndex, 0), // (P)
                referenceFlat.gather(chosenIndex, 0), // (P)
                policyFlat.gather(rejectedIndex, 0), // (P)
                referenceFlat.gather(rejectedIndex, 0)); // (P)
    }

    private static ObjectiveResult ktoLoss(Method.Kto method, NDArray policy, NDArray reference,
            Feedback[] feedback, NDArray policyMismatched, NDArray referenceMismatched) {
        if (policyMismatched == null || referenceMismatched == null) {
            throw new IllegalArgumentException("KTO needs the log-probabilities of mismatched completions;"
                    + " pass one per prompt, scored under another prompt");
        }
        int samples = Math.toIntExact(policy.getShape().get(1));
        long[] desirable = flatIndices(feedback, samples, true);
        long[] undesirable = flatIndices(feedback, samples, false);
        NDManager manager = policy.getManager();
        NDArray desirableIndex = NativeArrays.owned(manager.create(desirable)); // (N_D)
        NDArray undesirableIndex = NativeArrays.owned(manager.create(undesirable)); // (N_U)
        NDArray policyFlat = policy.reshape(-1); // (C·N)
        NDArray referenceFlat = reference.reshape(-1); // (C·N)
        return new Kto(method.beta(), 1.0, 1.0).loss(
                select(policyFlat, desirableIndex), // (N_D)
                select(referenceFlat, desirableIndex), // (N_D)
                select(policyFlat, undesirableIndex), // (N_U)
                select(referenceFlat, undesirableIndex), // (N_U)
                policyMismatched, // (C)
                referenceMismatched); // (C)
    }

    /** Gathers entries of a vector; an empty index gives an empty vector of the same type. */
    private static NDArray select(NDArray values, NDArray index) {
        if (index.size() == 0) {
            return values.getManager().zeros(new Shape(0), values.getDataType());
        }
        return values.gather(index.toType(DataType.INT64, false), 0);
    }

    private static long[] flatIndices(Feedback[] feedback, int samples, boolean accepted) {
        int count = 0;
        for (Feedback prompt : feedback) {
            count += accepted ? prompt.acceptedCount() : prompt.rejectedCount();
        }
        long[] indices = new long[count];
        int next = 0;
        for (int c = 0; c < feedback.length; c++) {
            for (int index : accepted ? feedback[c].accepted() : feedback[c].rejected()) {
                indices[next++] = (long) c * samples + index;
            }
        }
        return indices;
    }
}
