package org.pmpo4j.objective;

import org.pmpo4j.training.NativeArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PMPO objective (preference-based MPO) for learning from accepted samples, rejected samples, or
 * both: Abdolmaleki et al., "Learning from negative feedback, or positive feedback or both", ICLR
 * 2025 (arXiv 2410.04166).
 *
 * <p>The loss to minimise is
 *
 * <pre>
 *   L = −α · mean_{y ∈ D_a} log π_θ(y) + (1 − α) · mean_{y ∈ D_r} log π_θ(y) + β · D(π_ref, π_θ)
 * </pre>
 *
 * where D_a contains the accepted samples, D_r the rejected samples, and D is a divergence from the
 * reference policy π_ref to π_θ that the caller computes. The method is derived with
 * D = KL(π_ref ‖ π_θ), the reference as the first argument. D_a and D_r need not be paired and may
 * differ in size. With several contexts, each set's mean is taken per context and then averaged over
 * contexts, and so is the divergence.
 *
 * <p>Parameters: α ∈ [0, 1] weighs the accepted term against the rejected term, so α = 1 is PMPO-A
 * (accept only), α = 0 is PMPO-R (reject only), and α = 0.5 is PMPO-AR. β ≥ 0 weighs the divergence.
 * Without it the rejected term is unbounded below, because π_θ can move its mass arbitrarily far
 * from the rejected samples. For a Gaussian policy with α = 0 and D = KL(π_ref ‖ π_θ), each log σ
 * enters the loss with coefficient β − 1, so the loss is bounded below only if β &gt; 1.
 *
 * <p>Shapes: N_a accepted and N_r rejected samples; C contexts with K_a and K_r sample slots each.
 * Gradients flow into every log-probability and the divergence. All inputs must be finite.
 */
public final class Pmpo {

    private final double alpha;
    private final double beta;

    /**
     * Creates the objective.
     *
     * @param alpha weight α ∈ [0, 1] of the accepted term; 1 − α weighs the rejected term
     * @param beta weight β ≥ 0 of the divergence, finite
     * @throws IllegalArgumentException if α or β is out of range or NaN
     */
    public Pmpo(double alpha, double beta) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException(
                    "alpha must be in [0, 1], got "
                            + alpha
                            + "; use 1 for accept-only, 0 for reject-only or 0.5 for both");
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException(
                    "beta must be finite and >= 0, got "
                            + beta
                            + "; use 0 to drop the divergence term, or a value above 1 - alpha to keep the"
                            + " loss bounded");
        }
        this.alpha = alpha;
        this.beta = beta;
    }

    /** Returns PMPO-A, α = 1: maximum likelihood on the accepted samples plus β times the divergence. */
    public static Pmpo acceptOnly(double beta) {
        return new Pmpo(1, beta);
    }

    /** Returns PMPO-R, α = 0: minimum likelihood on the rejected samples plus β times the divergence. */
    public static Pmpo rejectOnly(double beta) {
        return new Pmpo(0, beta);
    }

    /** Returns PMPO-AR, α = 0.5: both sets weighted equally plus β times the divergence. */
    public static Pmpo acceptReject(double beta) {
        return new Pmpo(0.5, beta);
    }

    /** Returns α, the weight of the accepted term. */
    public double alpha() {
        return alpha;
    }

    /** Returns β, the weight of the divergence term. */
    public double beta() {
        return beta;
    }

    /**
     * Computes the loss for one context.
     *
     * <p>L = −α · mean_{D_a} log π_θ + (1 − α) · mean_{D_r} log π_θ + β · D(π_ref, π_θ).
     *
     * <p>D_a may be empty only if α = 0, and D_r only if α = 1. The statistics are {@code loss/pmpo},
     * {@code loss/accepted}, {@code loss/rejected}, {@code loss/divergence} (the three weighted terms,
     * which sum to the loss), {@code logp/accepted} and {@code logp/rejected} (NaN for an empty set),
     * {@code divergence} (NaN when not given), {@code count/accepted} and {@code count/rejected}.
     *
     * @param acceptedLogProbs log π_θ of the accepted samples, shape (N_a)
     * @param rejectedLogProbs log π_θ of the rejected samples, shape (N_r)
     * @param divergence D(π_ref, π_θ) as a scalar, or null when β = 0
     * @return the loss, attached to the manager of {@code acceptedLogProbs}, and its statistics
     * @throws IllegalArgumentException if a shape is wrong, a value is not finite, a set that α needs
     *     is empty, or the divergence is missing while β &gt; 0
     */
    public ObjectiveResult loss(
            NDArray acceptedLogProbs, NDArray rejectedLogProbs, NDArray divergence) {
        Inputs.requireVector("acceptedLogProbs", acceptedLogProbs);
        Inputs.requireVector("rejectedLogProbs", rejectedLogProbs);
        requireDivergence(divergence, false);
        if (alpha > 0 && acceptedLogProbs.size() == 0) {
            throw new IllegalArgumentException(
                    "acceptedLogProbs is empty, but alpha = "
                            + alpha
                            + " > 0 needs accepted samples; select at least one or use alpha = 0 (reject-only)");
        }
        if (alpha < 1 && rejectedLogProbs.size() == 0) {
            throw new IllegalArgumentException(
                    "rejectedLogProbs is empty, but alpha = "
                            + alpha
                            + " < 1 needs rejected samples; select at least one or use alpha = 1 (accept-only)");
        }

        try (LossScope scope = new LossScope(acceptedLogProbs, rejectedLogProbs, divergence)) {
            Inputs.requireFinite("acceptedLogProbs", acceptedLogProbs);
            Inputs.requireFinite("rejectedLogProbs", rejectedLogProbs);
            if (divergence != null) {
                Inputs.requireFinite("divergence", divergence);
            }

            // One context whose slots are all selected.
            NDArray accepted = acceptedLogProbs.reshape(1, acceptedLogProbs.size()); // (1, N_a)
            NDArray rejected = rejectedLogProbs.reshape(1, rejectedLogProbs.size()); // (1, N_r)
            NDArray perContext = divergence == null ? null : divergence.reshape(1); // (1)
            boolean[] allAccepted = filled(acceptedLogProbs.size());
            boolean[] allRejected = filled(rejectedLogProbs.size());
            return compute(scope, accepted, allAccepted, rejected, allRejected, perContext);
        }
    }

    /**
     * Computes the loss for C contexts whose K samples share one log-probability matrix, with masks
     * that mark D_a and D_r in each context.
     *
     * <p>This is the usual layout for K samples per prompt, such as the top 2 accepted and the bottom
     * 2 rejected of 4. See {@link #loss(NDArray, NDArray, NDArray, NDArray, NDArray)} for the
     * formula, the rules on empty contexts and the statistics.
     *
     * @param logProbs log π_θ of every sample, shape (C, K); entries outside both masks are ignored
     * @param acceptedMask boolean or 0/1 mask of D_a, shape (C, K)
     * @param rejectedMask boolean or 0/1 mask of D_r, shape (C, K), disjoint from {@code acceptedMask}
     * @param divergence D(π_ref, π_θ) per context, shape (C), or null when β = 0
     * @throws IllegalArgumentException if the masks overlap, or for any reason the general overload
     *     gives
     */
    public ObjectiveResult loss(
            NDArray logProbs, NDArray acceptedMask, NDArray rejectedMask, NDArray divergence) {
        Inputs.requireMatrix("logProbs", logProbs);
        Inputs.requireSameShape("acceptedMask", acceptedMask, "logProbs", logProbs);
        Inputs.requireSameShape("rejectedMask", rejectedMask, "logProbs", logProbs);
        return matrixLoss(
                "logProbs", logProbs, acceptedMask, "logProbs", logProbs, rejectedMask, divergence, true);
    }

    /**
     * Computes the loss for C contexts with separate, masked matrices for D_a and D_r.
     *
     * <p>For each context c, m_a(c) is the mean of the accepted log-probabilities selected by the mask
     * in row c, and m_r(c) likewise. The loss is
     *
     * <pre>
     *   L = −α · mean_c m_a(c) + (1 − α) · mean_c m_r(c) + β · mean_c D_c
     * </pre>
     *
     * <p>When α &gt; 0 every context needs at least one accepted sample, and when α &lt; 1 every
     * context needs at least one rejected sample. A set with weight 0 may be empty in any context, and
     * its {@code logp/...} statistic then averages only the contexts that have samples (NaN if none).
     * Masked-out entries are never read, so they may contain padding such as NaN. The statistics are
     * those of {@link #loss(NDArray, NDArray, NDArray)}; the counts are totals over all contexts.
     *
     * @param acceptedLogProbs log π_θ of the accepted slots, shape (C, K_a)
     * @param acceptedMask boolean or 0/1 mask of the valid accepted slots, shape (C, K_a)
     * @param rejectedLogProbs log π_θ of the rejected slots, shape (C, K_r)
     * @param rejectedMask boolean or 0/1 mask of the valid rejected slots, shape (C, K_r)
     * @param divergence D(π_ref, π_θ) per context, shape (C), or null when β = 0
     * @return the loss, attached to the manager of {@code acceptedLogProbs}, and its statistics
     * @throws IllegalArgumentException if a shape is wrong, a mask entry is not 0 or 1, a selected value
     *     is not finite, a context lacks a set that α needs, or the divergence is missing while β &gt; 0
     */
    public ObjectiveResult loss(
            NDArray acceptedLogProbs,
            NDArray acceptedMask,
            NDArray rejectedLogProbs,
            NDArray rejectedMask,
            NDArray divergence) {
        return matrixLoss(
                "acceptedLogProbs",
                acceptedLogProbs,
                acceptedMask,
                "rejectedLogProbs",
                rejectedLogProbs,
                rejectedMask,
                divergence,
                false);
    }

    /**
     * Validates and computes the masked overloads. The names are those of the caller's parameters,
     * for messages. With {@code requireDisjoint} the two masks index the same matrix, and no entry
     * may be in both.
     */
    private ObjectiveResult matrixLoss(
            String acceptedName,
            NDArray acceptedLogProbs,
            NDArray acceptedMask,
            String rejectedName,
            NDArray rejectedLogProbs,
            NDArray rejectedMask,
            NDArray divergence,
            boolean requireDisjoint) {
        Inputs.requireMatrix(acceptedName, acceptedLogProbs);
        Inputs.requireMatrix(rejectedName, rejectedLogProbs);
        Inputs.requireSameShape("acceptedMask", acceptedMask, acceptedName, acceptedLogProbs);
        Inputs.requireSameShape("rejectedMask", rejectedMask, rejectedName, rejectedLogProbs);
        long contexts = acceptedLogProbs.getShape().get(0);
        if (contexts == 0) {
            throw new IllegalArgumentException(
                    acceptedName
                            + " has shape "
                            + acceptedLogProbs.getShape()
                            + " with no contexts; pass at least one row");
        }
        if (rejectedLogProbs.getShape().get(0) != contexts) {
            throw new IllegalArgumentException(
                    acceptedName
                            + " has "
                            + contexts
                            + " contexts (rows) but "
                            + rejectedName
                            + " has "
                            + rejectedLogProbs.getShape().get(0)
                            + "; pass one row per context in both");
        }
        requireDivergence(divergence, true);
        if (divergence != null && !divergence.getShape().equals(new Shape(contexts))) {
            throw new IllegalArgumentException(
                    "divergence must have shape ("
                            + contexts
                            + "), one value per context, got shape "
                            + divergence.getShape());
        }

        try (LossScope scope =
                new LossScope(
                        acceptedLogProbs, acceptedMask, rejectedLogProbs, rejectedMask, divergence)) {
            boolean[] accepted = Inputs.maskValues("acceptedMask", acceptedMask);
            boolean[] rejected = Inputs.maskValues("rejectedMask", rejectedMask);
            if (requireDisjoint) {
                requireDisjoint(accepted, rejected, acceptedLogProbs.getShape().get(1));
            }
            if (alpha > 0) {
                requireEveryContext("accepted", accepted, contexts, "alpha = 0 (reject-only)", "> 0");
            }
            if (alpha < 1) {
                requireEveryContext("rejected", rejected, contexts, "alpha = 1 (accept-only)", "< 1");
            }
            Inputs.requireFinite(acceptedName, acceptedLogProbs, accepted);
            Inputs.requireFinite(rejectedName, rejectedLogProbs, rejected);
            if (divergence != null) {
                Inputs.requireFinite("divergence", divergence);
            }
            return compute(scope, acceptedLogProbs, accepted, rejectedLogProbs, rejected, divergence);
        }
    }

    /** Combines the validated inputs of every overload into the loss and its statistics. */
    private ObjectiveResult compute(
            LossScope scope,
            NDArray acceptedLogProbs,
            boolean[] acceptedMask,
            NDArray rejectedLogProbs,
            boolean[] rejectedMask,
            NDArray divergence) {
        SetMean accepted = SetMean.of(scope.manager(), acceptedLogProbs, acceptedMask);
        SetMean rejected = SetMean.of(scope.manager(), rejectedLogProbs, rejectedMask);

        // Terms with weight 0 stay out of the graph, so an empty set adds nothing.
        NDArray loss = null;
        double acceptedTerm = 0;
        if (alpha > 0) {
            NDArray term = Inputs.scale(accepted.mean(), -alpha); // ()
            acceptedTerm = Inputs.scalarValue(term);
            loss = term;
        }
        double rejectedTerm = 0;
        if (alpha < 1) {
            NDArray term = Inputs.scale(rejected.mean(), 1 - alpha); // ()
            rejectedTerm = Inputs.scalarValue(term);
            loss = loss == null ? term : loss.add(term);
        }
        double divergenceTerm = 0;
        double divergenceValue = Double.NaN;
        if (divergence != null) {
            NDArray meanDivergence = divergence.mean(); // ()
            NDArray term = Inputs.scale(meanDivergence, beta); // ()
            divergenceValue = Inputs.scalarValue(meanDivergence);
            divergenceTerm = Inputs.scalarValue(term);
            loss = loss.add(term);
        }

        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("loss/pmpo", Inputs.scalarValue(loss));
        statistics.put("loss/accepted", acceptedTerm);
        statistics.put("loss/rejected", rejectedTerm);
        statistics.put("loss/divergence", divergenceTerm);
        statistics.put("logp/accepted", accepted.value());
        statistics.put("logp/rejected", rejected.value());
        statistics.put("divergence", divergenceValue);
        statistics.put("count/accepted", (double) accepted.count());
        statistics.put("count/rejected", (double) rejected.count());
        return new ObjectiveResult(scope.keep(loss), statistics);
    }

    private void requireDivergence(NDArray divergence, boolean perContext) {
        if (divergence == null) {
            if (beta > 0) {
                throw new IllegalArgumentException(
                        "divergence is null, but beta = "
                                + beta
                                + " > 0 weighs it; pass D(pi_ref, pi_theta) or use beta = 0");
            }
            return;
        }
        if (perContext) {
            Inputs.requireVector("divergence", divergence);
        } else {
            Inputs.requireScalar("divergence", divergence);
        }
    }

    private static void requireDisjoint(boolean[] accepted, boolean[] rejected, long columns) {
        for (int i = 0; i < accepted.length; i++) {
            if (accepted[i] && rejected[i]) {
                throw new IllegalArgumentException(
                        "acceptedMask and rejectedMask are both set at ["
                                + (i / columns)
                                + ", "
                                + (i % columns)
                                + "]; a sample can be accepted or rejected, not both");
            }
        }
    }

    private static void requireEveryContext(
            String set, boolean[] mask, long contexts, String alternative, String condition) {
        int columns = (int) (mask.length / contexts);
        for (int context = 0; context < contexts; context++) {
            boolean any = false;
            for (int column = 0; column < columns && !any; column++) {
                any = mask[context * columns + column];
            }
            if (!any) {
                throw new IllegalArgumentException(
                        "context "
                                + context
                                + " has no "
                                + set
                                + " samples in its mask, but alpha "
                                + condition
                                + " needs them in every context; drop that context or use "
                                + alternative);
            }
        }
    }

    private static boolean[] filled(long length) {
        boolean[] mask = new boolean[(int) length];
        Arrays.fill(mask, true);
        return mask;
    }

    /**
     * The mean log-probability of one set: per-context means of the masked entries, averaged over the
     * contexts that have at least one entry.
     *
     * @param mean the mean as a scalar with gradients, or null if no context has an entry
     * @param value the mean as a double, NaN if no context has an entry
     * @param count the number of masked entries over all contexts
     */
    private record SetMean(NDArray mean, double value, int count) {

        static SetMean of(NDManager manager, NDArray logProbs, boolean[] mask) {
            Shape shape = logProbs.getShape(); // (C, K)
            int contexts = (int) shape.get(0);
            int columns = (int) shape.get(1);

            double[] divisors = new double[contexts];
            int count = 0;
            int nonEmptyContexts = 0;
            for (int context = 0; context < contexts; context++) {
                int inContext = 0;
                for (int column = 0; column < columns; column++) {
                    inContext += mask[context * columns + column] ? 1 : 0;
                }
                count += inContext;
                nonEmptyContexts += inContext > 0 ? 1 : 0;
                // An empty context sums to 0, so dividing by 1 keeps its mean at 0 and out of the total.
                divisors[context] = Math.max(inContext, 1);
            }
            if (nonEmptyContexts == 0) {
                return new SetMean(null, Double.NaN, 0);
            }

            NDArray maskArray = NativeArrays.owned(manager.create(mask, shape)); // (C, K), boolean
            // where() rather than a product with the mask, so NaN padding outside the mask stays out.
            NDArray selected = NDArrays.where(maskArray, logProbs, logProbs.zerosLike());
            NDArray divisorArray = NativeArrays.owned(manager.create(divisors)) // (C)
                    .toType(logProbs.getDataType(), false);
            NDArray contextMeans = selected.sum(new int[] {1}).div(divisorArray); // (C)
            NDArray mean = Inputs.scale(contextMeans.sum(), 1.0 / nonEmptyContexts); // ()
            return new SetMean(mean, Inputs.scalarValue(mean), count);
        }
    }
}
