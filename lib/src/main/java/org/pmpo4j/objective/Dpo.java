package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Direct Preference Optimization (DPO): Rafailov et al., "Direct Preference Optimization: Your
 * Language Model is Secretly a Reward Model", NeurIPS 2023 (arXiv 2305.18290).
 *
 * <p>For P pairs of a chosen sample y_w and a rejected sample y_l, with the log-ratio margin
 *
 * <pre>
 *   h = [log π_θ(y_w) − log π_ref(y_w)] − [log π_θ(y_l) − log π_ref(y_l)],
 * </pre>
 *
 * the loss to minimise is L = mean over pairs of −log σ(β · h). It is ln 2 when h = 0 and decreases
 * towards 0 as the margin grows. β &gt; 0 plays the role of a KL(π_θ ‖ π_ref) penalty weight in the
 * RLHF objective that DPO solves, so a smaller β lets π_θ move further from π_ref.
 *
 * <p>All four inputs have shape (P). Gradients flow into every input, so pass reference log-probs
 * that carry no gradient, such as those of a snapshot policy. The log-sigmoid is evaluated with
 * {@link StableMath#logSigmoid}, which stays finite for any finite margin.
 */
public final class Dpo {

    private final double beta;

    /**
     * Creates the objective.
     *
     * @param beta inverse temperature β &gt; 0, finite
     * @throws IllegalArgumentException if β is not positive and finite
     */
    public Dpo(double beta) {
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException(
                    "beta must be finite and > 0, got " + beta + "; 0.1 is a common starting value");
        }
        this.beta = beta;
    }

    /** Returns β. */
    public double beta() {
        return beta;
    }

    /**
     * Computes the DPO loss over P pairs.
     *
     * <p>The statistics are {@code loss/dpo}; {@code reward/chosen}, {@code reward/rejected} and
     * {@code reward/margin}, the pair means of the implicit rewards β · (log π_θ − log π_ref) and of
     * β · h; {@code reward/accuracy}, the fraction of pairs with h &gt; 0; and {@code count/pairs}.
     *
     * @param policyChosen log π_θ(y_w), shape (P)
     * @param referenceChosen log π_ref(y_w), shape (P)
     * @param policyRejected log π_θ(y_l), shape (P)
     * @param referenceRejected log π_ref(y_l), shape (P)
     * @return the loss, attached to the manager of {@code policyChosen}, and its statistics
     * @throws IllegalArgumentException if the shapes differ, P = 0, or a value is not finite
     */
    public ObjectiveResult loss(
            NDArray policyChosen,
            NDArray referenceChosen,
            NDArray policyRejected,
            NDArray referenceRejected) {
        Inputs.requirePairs(policyChosen, referenceChosen, policyRejected, referenceRejected);
        try (LossScope scope =
                new LossScope(policyChosen, referenceChosen, policyRejected, referenceRejected)) {
            PairLogRatios ratios =
                    PairLogRatios.of(policyChosen, referenceChosen, policyRejected, referenceRejected);
            NDArray chosenRatio = ratios.chosen(); // (P)
            NDArray rejectedRatio = ratios.rejected(); // (P)
            NDArray margin = ratios.margin(); // (P), h
            NDArray loss = StableMath.logSigmoid(Inputs.scale(margin, beta)).neg().mean(); // ()

            Map<String, Double> statistics = new LinkedHashMap<>();
            statistics.put("loss/dpo", Inputs.scalarValue(loss));
            statistics.put("reward/chosen", beta * Inputs.scalarValue(chosenRatio.mean()));
            statistics.put("reward/rejected", beta * Inputs.scalarValue(rejectedRatio.mean()));
            statistics.put("reward/margin", beta * Inputs.scalarValue(margin.mean()));
            statistics.put("reward/accuracy", fractionPositive(Inputs.values(margin)));
            statistics.put("count/pairs", (double) margin.size());
            return new ObjectiveResult(scope.keep(loss), statistics);
        }
    }

    static double fractionPositive(double[] values) {
        int positive = 0;
        for (double value : values) {
            positive += value > 0 ? 1 : 0;
        }
        return (double) positive / values.length;
    }
}
