package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identity Preference Optimisation (IPO): Azar et al., "A General Theoretical Paradigm to Understand
 * Learning from Human Preferences", AISTATS 2024 (arXiv 2310.12036).
 *
 * <p>For P pairs of a chosen sample y_w and a rejected sample y_l, with the log-ratio margin
 *
 * <pre>
 *   h = [log π_θ(y_w) − log π_ref(y_w)] − [log π_θ(y_l) − log π_ref(y_l)],
 * </pre>
 *
 * the loss to minimise is L = mean over pairs of (h − 1/(2τ))². It regresses the margin onto the
 * target 1/(2τ) instead of pushing it to infinity as DPO can on deterministic preferences, so τ &gt;
 * 0 acts as the weight of the regularisation towards π_ref: a larger τ gives a smaller target. At
 * h = 0 the loss is 1/(4τ²).
 *
 * <p>All four inputs have shape (P). Gradients flow into every input, so pass reference log-probs
 * that carry no gradient.
 */
public final class Ipo {

    private final double tau;

    /**
     * Creates the objective.
     *
     * @param tau regularisation weight τ &gt; 0, finite; the margin target is 1/(2τ)
     * @throws IllegalArgumentException if τ is not positive and finite
     */
    public Ipo(double tau) {
        if (!(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException(
                    "tau must be finite and > 0, got "
                            + tau
                            + "; the margin target is 1/(2 tau), so pass for example 0.1 for a target of 5");
        }
        this.tau = tau;
    }

    /** Returns τ. */
    public double tau() {
        return tau;
    }

    /**
     * Computes the IPO loss over P pairs.
     *
     * <p>The statistics are {@code loss/ipo}; {@code logratio/chosen}, {@code logratio/rejected} and
     * {@code logratio/margin}, the pair means of log π_θ − log π_ref and of h; {@code
     * logratio/target}, which is 1/(2τ); and {@code count/pairs}.
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
            double target = 1 / (2 * tau);
            NDArray chosenRatio = ratios.chosen(); // (P)
            NDArray rejectedRatio = ratios.rejected(); // (P)
            NDArray margin = ratios.margin(); // (P), h
            NDArray loss = margin.sub(target).square().mean(); // ()

            Map<String, Double> statistics = new LinkedHashMap<>();
            statistics.put("loss/ipo", Inputs.scalarValue(loss));
            statistics.put("logratio/chosen", Inputs.scalarValue(chosenRatio.mean()));
            statistics.put("logratio/rejected", Inputs.scalarValue(rejectedRatio.mean()));
            statistics.put("logratio/margin", Inputs.scalarValue(margin.mean()));
            statistics.put("logratio/target", target);
            statistics.put("count/pairs", (double) margin.size());
            return new ObjectiveResult(scope.keep(loss), statistics);
        }
    }
}
