package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kahneman-Tversky Optimization (KTO) for unpaired desirable and undesirable samples: Ethayarajh et
 * al., "KTO: Model Alignment as Prospect Theoretic Optimization", ICML 2024 (arXiv 2402.01306).
 *
 * <p>With the log-ratio r = log π_θ(y) − log π_ref(y) of each sample and the reference point
 *
 * <pre>
 *   z_0 = max(0, mean over the mismatched samples of [log π_θ − log π_ref]),
 * </pre>
 *
 * a batch estimate of KL(π_θ ‖ π_ref) that is detached from the graph (stop-gradient), each
 * sample costs
 *
 * <pre>
 *   desirable:   λ_D · (1 − σ(β · (r − z_0)))
 *   undesirable: λ_U · (1 − σ(β · (z_0 − r)))
 * </pre>
 *
 * and the loss to minimise is the mean cost over all N_D + N_U samples. At π_θ = π_ref every r and
 * z_0 are 0, so each sample costs λ/2. The mismatched samples are outputs scored under a context
 * they were not generated for, such as completions of other prompts in the batch.
 *
 * <p>Parameters: β &gt; 0 scales the log-ratios, and λ_D &gt; 0, λ_U &gt; 0 weigh the two kinds of
 * sample, for example to balance unequal counts. Shapes: desirable (N_D), undesirable (N_U),
 * mismatched (M), each policy array matching its reference array. Either N_D or N_U may be 0, but
 * not both, and M &gt;= 1. Gradients flow into the desirable and undesirable inputs but not through
 * z_0.
 */
public final class Kto {

    private final double beta;
    private final double desirableWeight;
    private final double undesirableWeight;

    /**
     * Creates the objective.
     *
     * @param beta log-ratio scale β &gt; 0, finite
     * @param desirableWeight λ_D &gt; 0, finite
     * @param undesirableWeight λ_U &gt; 0, finite
     * @throws IllegalArgumentException if a parameter is not positive and finite
     */
    public Kto(double beta, double desirableWeight, double undesirableWeight) {
        requirePositive("beta", beta, "0.1 is a common starting value");
        requirePositive("desirableWeight", desirableWeight, "use 1 for equal weights");
        requirePositive("undesirableWeight", undesirableWeight, "use 1 for equal weights");
        this.beta = beta;
        this.desirableWeight = desirableWeight;
        this.undesirableWeight = undesirableWeight;
    }

    /** Returns β. */
    public double beta() {
        return beta;
    }

    /** Returns λ_D. */
    public double desirableWeight() {
        return desirableWeight;
    }

    /** Returns λ_U. */
    public double undesirableWeight() {
        return undesirableWeight;
    }

    /**
     * Computes the KTO loss.
     *
     * <p>The statistics are {@code loss/kto}; {@code kl/reference_point}, the clamped z_0; {@code
     * logratio/desirable} and {@code logratio/undesirable}, the mean r of each set (NaN if empty);
     * and {@code count/desirable} and {@code count/undesirable}.
     *
     * @param policyDesirable log π_θ of the desirable samples, shape (N_D)
     * @param referenceDesirable log π_ref of the desirable samples, shape (N_D)
     * @param policyUndesirable log π_θ of the undesirable samples, shape (N_U)
     * @param referenceUndesirable log π_ref of the undesirable samples, shape (N_U)
     * @param policyMismatched log π_θ of the mismatched samples, shape (M)
     * @param referenceMismatched log π_ref of the mismatched samples, shape (M)
     * @return the loss, attached to the manager of {@code policyDesirable}, and its statistics
     * @throws IllegalArgumentException if a shape is wrong, both sets are empty, M = 0, or a value is
     *     not finite
     */
    public ObjectiveResult loss(
            NDArray policyDesirable,
            NDArray referenceDesirable,
            NDArray policyUndesirable,
            NDArray referenceUndesirable,
            NDArray policyMismatched,
            NDArray referenceMismatched) {
        Inputs.requireVector("policyDesirable", policyDesirable);
        Inputs.requireVector("referenceDesirable", referenceDesirable);
        Inputs.requireVector("policyUndesirable", policyUndesirable);
        Inputs.requireVector("referenceUndesirable", referenceUndesirable);
        Inputs.requireVector("policyMismatched", policyMismatched);
        Inputs.requireVector("referenceMismatched", referenceMismatched);
        Inputs.requireSameShape(
                "referenceDesirable", referenceDesirable, "policyDesirable", policyDesirable);
        Inputs.requireSameShape(
                "referenceUndesirable", referenceUndesirable, "policyUndesirable", policyUndesirable);
        Inputs.requireSameShape(
                "referenceMismatched", referenceMismatched, "policyMismatched", policyMismatched);
        long desirableCount = policyDesirable.size();
        long undesirableCount = policyUndesirable.size();
        if (desirableCount == 0 && undesirableCount == 0) {
            throw new IllegalArgumentException(
                    "policyDesirable and policyUndesirable are both empty; pass at least one labelled sample");
        }
        if (policyMismatched.size() == 0) {
            throw new IllegalArgumentException(
                    "policyMismatched is empty, but the reference point z_0 needs at least one mismatched"
                            + " sample; score outputs under other contexts of the batch, or fresh policy samples"
                            + " for a policy without context");
        }

        try (LossScope scope =
                new LossScope(
                        policyDesirable,
                        referenceDesirable,
                        policyUndesirable,
                        referenceUndesirable,
                        policyMismatched,
                        referenceMismatched)) {
            Inputs.requireFinite("policyDesirable", policyDesirable);
            Inputs.requireFinite("referenceDesirable", referenceDesirable);
            Inputs.requireFinite("policyUndesirable", policyUndesirable);
            Inputs.requireFinite("referenceUndesirable", referenceUndesirable);
            Inputs.requireFinite("policyMismatched", policyMismatched);
            Inputs.requireFinite("referenceMismatched", referenceMismatched);

            // z_0 is read out as a double, so it is a constant of the graph: the stop-gradient.
            double mismatchedRatio =
                    Inputs.scalarValue(policyMismatched.sub(referenceMismatched).mean());
            double referencePoint = Math.max(0, mismatchedRatio);

            NDArray desirableRatio = policyDesirable.sub(referenceDesirable); // (N_D)
            NDArray undesirableRatio = policyUndesirable.sub(referenceUndesirable); // (N_U)
            // 1 − σ(x) = σ(−x) = exp(log σ(−x)), which stays accurate when σ(x) is close to 1.
            NDArray desirableCost =
                    oneMinusSigmoid(Inputs.scale(desirableRatio.sub(referencePoint), beta)); // (N_D)
            NDArray undesirableCost =
                    oneMinusSigmoid(Inputs.scale(undesirableRatio.sub(referencePoint), -beta)); // (N_U)
            NDArray total =
                    Inputs.scale(desirableCost.sum(), desirableWeight)
                            .add(Inputs.scale(undesirableCost.sum(), undesirableWeight)); // ()
            NDArray loss = Inputs.scale(total, 1.0 / (desirableCount + undesirableCount)); // ()

            Map<String, Double> statistics = new LinkedHashMap<>();
            statistics.put("loss/kto", Inputs.scalarValue(loss));
            statistics.put("kl/reference_point", referencePoint);
            statistics.put("logratio/desirable", meanOrNaN(desirableRatio));
            statistics.put("logratio/undesirable", meanOrNaN(undesirableRatio));
            statistics.put("count/desirable", (double) desirableCount);
            statistics.put("count/undesirable", (double) undesirableCount);
            return new ObjectiveResult(scope.keep(loss), statistics);
        }
    }

    private static NDArray oneMinusSigmoid(NDArray x) {
        return StableMath.logSigmoid(x.neg()).exp();
    }

    private static double meanOrNaN(NDArray values) {
        return values.size() == 0 ? Double.NaN : Inputs.scalarValue(values.mean());
    }

    private static void requirePositive(String name, double value, String hint) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    name + " must be finite and > 0, got " + value + "; " + hint);
        }
    }
}
