package org.pmpo4j.experiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * PMPO at one α with each of several regularisers at several strengths β, one method per pair labelled
 * {@code entropy β=2}.
 *
 * @param alpha the α every method uses; 0 studies learning from rejected samples alone
 * @param divergences regulariser names, see {@link org.pmpo4j.divergence.Divergences#byName}
 * @param strengths β values
 */
public record RegulariserStudy(double alpha, List<String> divergences, List<Double> strengths) {

    public RegulariserStudy {
        if (divergences == null || divergences.isEmpty() || strengths == null || strengths.isEmpty()) {
            throw new IllegalArgumentException("the study needs at least one divergence and one strength");
        }
        divergences = List.copyOf(divergences);
        strengths = List.copyOf(strengths);
        methods(alpha, divergences, strengths);
    }

    /** Returns the label of a (divergence, β) pair, e.g. {@code entropy β=2}. */
    public static String label(String divergence, double beta) {
        return divergence + " β=" + BigDecimal.valueOf(beta).stripTrailingZeros().toPlainString();
    }

    /** One method per pair, divergence-major. */
    public List<Method> methods() {
        return methods(alpha, divergences, strengths);
    }

    /**
     * Returns the smallest strength at which no seed of {@code divergence} broke down on {@code function} and the final
     * regret stayed below the initial one, or NaN if none did.
     */
    public double smallestStableStrength(RunSummary summary, String function, String divergence) {
        for (double beta : strengths.stream().sorted().toList()) {
            String label = label(divergence, beta);
            if (summary.unstableFraction(function, label) == 0.0
                    && summary.finalRegret(function, label) < summary.row(function, label).getDouble("initial_regret")) {
                return beta;
            }
        }
        return Double.NaN;
    }

    private static List<Method> methods(double alpha, List<String> divergences, List<Double> strengths) {
        List<Method> methods = new ArrayList<>();
        for (String divergence : divergences) {
            for (double beta : strengths) {
                methods.add(new Method.Pmpo(label(divergence, beta), alpha, beta, divergence));
            }
        }
        return methods;
    }
}
