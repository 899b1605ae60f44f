package org.pmpo4j.experiment;

import org.pmpo4j.divergence.Divergences;
import org.pmpo4j.objective.Mpo;

import java.util.List;
import java.util.Locale;

/**
 * A policy-improvement method and its settings, as an experiment runs it. Each record validates its settings when it
 * is built, so a bad value fails before any run starts.
 */
public sealed interface Method permits Method.Pmpo, Method.Dpo, Method.Ipo, Method.Kto, Method.Mpo {

    /** Names accepted by {@link #parse(String)}. */
    List<String> NAMES = List.of("pmpo-ar", "pmpo-a", "pmpo-r", "dpo", "ipo", "kto", "mpo");

    /** Label used in tables and plot legends, e.g. {@code PMPO-AR}. */
    String label();

    /** Returns a copy of this method under another label, e.g. for one point of a β sweep. */
    Method withLabel(String label);

    /**
     * Returns a method with its default settings by name: {@code pmpo-ar} (α = 0.5), {@code pmpo-a} (α = 1),
     * {@code pmpo-r} (α = 0), {@code dpo}, {@code ipo}, {@code kto} or {@code mpo}.
     */
    static Method parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "pmpo-ar":
                return new Pmpo("PMPO-AR", 0.5, Defaults.PMPO_AR_BETA, Defaults.DIVERGENCE);
            case "pmpo-a":
                return new Pmpo("PMPO-A", 1.0, Defaults.PMPO_A_BETA, Defaults.DIVERGENCE);
            case "pmpo-r":
                return new Pmpo("PMPO-R", 0.0, Defaults.PMPO_R_BETA, Defaults.DIVERGENCE);
            case "dpo":
                return new Dpo("DPO", Defaults.DPO_BETA);
            case "ipo":
                return new Ipo("IPO", Defaults.IPO_TAU);
            case "kto":
                return new Kto("KTO", Defaults.KTO_BETA);
            case "mpo":
                return new Mpo("MPO", Defaults.MPO_BANDIT);
            default:
                throw new IllegalArgumentException("unknown method '" + name + "'; valid methods are " + NAMES);
        }
    }

    /** Default settings of the bandit experiments; the notebooks explain each choice. */
    final class Defaults {
        /**
         * KL weight of PMPO-R. Deriving PMPO by EM gives the KL term the weight (1 − α)/Z_r, where Z_r is the
         * probability of a rejection; with the worst k_r = 5 of N = 20 samples rejected that is 4. One step's
         * objective then has a maximiser: on a Sphere batch its critical β is about 3.8 (notebook 02).
         */
        public static final double PMPO_R_BETA = 4.0;
        /** KL weight of PMPO-AR: (1 − α)/Z_r = 0.5 · 20/5 = 2, above the critical β of about 1.7 for α = 0.5. */
        public static final double PMPO_AR_BETA = 2.0;
        /** KL weight of PMPO-A, which is bounded for any β ≥ 0; 1 keeps each step near π_ref. */
        public static final double PMPO_A_BETA = 1.0;
        /** Regulariser of PMPO: KL(π_ref ‖ π_θ), the direction the PMPO derivation produces. */
        public static final String DIVERGENCE = "kl-reference-policy";
        /** DPO's inverse temperature on the log-ratio margin. */
        public static final double DPO_BETA = 1.0;
        /** IPO's τ; the target margin is 1/(2τ). */
        public static final double IPO_TAU = 1.0;
        /** KTO's inverse temperature. */
        public static final double KTO_BETA = 1.0;
        /**
         * MPO for bandits: temperature bound ε = 0.1, mean and covariance trust regions 0.05 and 0.01, duals starting
         * near 1. Acme's control defaults (0.0025 and 1e-6) move a bandit policy too little per iteration: on a
         * 10-dimensional Sphere they left the regret about ten times higher after 200 iterations.
         */
        public static final org.pmpo4j.objective.Mpo.Config MPO_BANDIT =
                new org.pmpo4j.objective.Mpo.Config(0.1, 0.05, 0.01, 1.0, 1.0, 1.0);

        private Defaults() {
        }
    }

    /**
     * PMPO: minimise −α·mean_{D_a} log π_θ + (1−α)·mean_{D_r} log π_θ + β·D(π_ref, π_θ).
     *
     * @param alpha weight of the accepted term, in [0, 1]
     * @param beta weight of the divergence term, at least 0
     * @param divergence regulariser name understood by {@link Divergences#byName(String)}
     */
    record Pmpo(String label, double alpha, double beta, String divergence) implements Method {
        public Pmpo {
            requireLabel(label);
            if (!(alpha >= 0.0 && alpha <= 1.0)) {
                throw new IllegalArgumentException("PMPO alpha must be in [0, 1], got " + alpha
                        + "; use 1 for accept-only, 0 for reject-only or 0.5 for both");
            }
            requireNonNegative("PMPO beta", beta, "use 0 to drop the divergence term");
            Divergences.byName(divergence);
        }

        @Override
        public Method withLabel(String newLabel) {
            return new Pmpo(newLabel, alpha, beta, divergence);
        }
    }

    /** DPO on pairs of accepted and rejected samples, with inverse temperature {@code beta > 0}. */
    record Dpo(String label, double beta) implements Method {
        public Dpo {
            requireLabel(label);
            requirePositive("DPO beta", beta);
        }

        @Override
        public Method withLabel(String newLabel) {
            return new Dpo(newLabel, beta);
        }
    }

    /** IPO on pairs of accepted and rejected samples, with {@code tau > 0}. */
    record Ipo(String label, double tau) implements Method {
        public Ipo {
            requireLabel(label);
            requirePositive("IPO tau", tau);
        }

        @Override
        public Method withLabel(String newLabel) {
            return new Ipo(newLabel, tau);
        }
    }

    /** KTO on unpaired desirable (accepted) and undesirable (rejected) samples, with {@code beta > 0}. */
    record Kto(String label, double beta) implements Method {
        public Kto {
            requireLabel(label);
            requirePositive("KTO beta", beta);
        }

        @Override
        public Method withLabel(String newLabel) {
            return new Kto(newLabel, beta);
        }
    }

    /** MPO with exponentiated-score weights over all N samples and decoupled KL trust regions. */
    record Mpo(String label, org.pmpo4j.objective.Mpo.Config config) implements Method {
        public Mpo {
            requireLabel(label);
            if (config == null) {
                throw new IllegalArgumentException("MPO config is missing; use Mpo.Config.defaults()");
            }
        }

        @Override
        public Method withLabel(String newLabel) {
            return new Mpo(newLabel, config);
        }
    }

    private static void requireLabel(String label) {
        if (label == null || label.isBlank() || label.contains(",")) {
            throw new IllegalArgumentException("method label must be non-empty and contain no comma, got '"
                    + label + "'");
        }
    }

    private static void requireNonNegative(String what, double value, String fix) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value + "; " + fix);
        }
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value
                    + "; typical values lie between 0.1 and 10");
        }
    }
}
