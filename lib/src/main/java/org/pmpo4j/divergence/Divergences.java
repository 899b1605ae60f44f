package org.pmpo4j.divergence;

/** Looks up a {@link Divergence} by the name its {@link Divergence#name()} returns. */
public final class Divergences {

    private static final String VALID_NAMES = "kl-reference-policy, kl-policy-reference, entropy,"
            + " alpha-<alpha> (e.g. alpha-0.5), hybrid-<alpha>-<mix> (e.g. hybrid-0.5-0.25)";

    private Divergences() {}

    /**
     * Creates the divergence with the given name. Valid names: {@code kl-reference-policy},
     * {@code kl-policy-reference}, {@code entropy}, {@code alpha-<alpha>} and
     * {@code hybrid-<alpha>-<mix>}, where the numbers are anything {@link Double#parseDouble} reads.
     *
     * @throws IllegalArgumentException if the name is unknown or a number in it is invalid
     */
    public static Divergence byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("divergence name must not be null; valid names: " + VALID_NAMES);
        }
        switch (name) {
            case "kl-reference-policy":
                return KlDivergence.referencePolicy();
            case "kl-policy-reference":
                return KlDivergence.policyReference();
            case "entropy":
                return new EntropyRegularizer();
            default:
                break;
        }
        if (name.startsWith("alpha-")) {
            return new AlphaDivergence(parseNumber(name, name.substring("alpha-".length())));
        }
        if (name.startsWith("hybrid-")) {
            HybridDivergence hybrid = parseHybrid(name.substring("hybrid-".length()));
            if (hybrid != null) {
                return hybrid;
            }
        }
        throw new IllegalArgumentException("unknown divergence name '" + name + "'; valid names: " + VALID_NAMES);
    }

    /**
     * Splits "α-mix" at the first '-' after which both parts parse as numbers, or returns null if none
     * does. Both numbers may contain '-' (a sign, or an exponent such as 1.0E-4 from
     * {@link Double#toString}), so a fixed split position would misread some names.
     */
    private static HybridDivergence parseHybrid(String numbers) {
        for (int separator = numbers.indexOf('-', 1); separator > 0; separator = numbers.indexOf('-', separator + 1)) {
            Double alpha = tryParse(numbers.substring(0, separator));
            Double mix = tryParse(numbers.substring(separator + 1));
            if (alpha != null && mix != null) {
                return new HybridDivergence(alpha, mix);
            }
        }
        return null;
    }

    private static Double tryParse(String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double parseNumber(String name, String number) {
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number '" + number + "' in divergence name '" + name
                    + "'; valid names: " + VALID_NAMES, e);
        }
    }
}
