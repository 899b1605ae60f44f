package org.pmpo4j.experiment;

import java.util.Locale;
import java.util.Map;

/**
 * Size of an experiment run: {@code SMOKE} finishes in seconds for tests, {@code PAPER} produces the checked-in
 * figures. Notebooks read it from the environment variable {@value #ENVIRONMENT_VARIABLE}.
 */
public enum Scale {
    SMOKE,
    PAPER;

    /** Name of the environment variable that selects the scale. */
    public static final String ENVIRONMENT_VARIABLE = "PMPO_SCALE";

    /** Reads the scale from {@value #ENVIRONMENT_VARIABLE}; an unset or empty variable means {@code PAPER}. */
    public static Scale fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Returns the value of {@value #ENVIRONMENT_VARIABLE} as set, or {@code unset}, for result-file headers. */
    public static String environmentSetting() {
        String value = System.getenv(ENVIRONMENT_VARIABLE);
        return value == null || value.isBlank() ? "unset" : value;
    }

    static Scale fromEnvironment(Map<String, String> environment) {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null || value.isBlank()) {
            return PAPER;
        }
        return parse(value);
    }

    /** Parses {@code smoke} or {@code paper}, ignoring case. */
    public static Scale parse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "smoke":
                return SMOKE;
            case "paper":
                return PAPER;
            default:
                throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " must be 'smoke' or 'paper', got '" + value
                        + "'; unset it for the paper-scale run or set PMPO_SCALE=smoke for a quick check");
        }
    }

    /** Returns {@code smoke} when this is the smoke scale and {@code paper} otherwise. */
    public <T> T choose(T smoke, T paper) {
        return this == SMOKE ? smoke : paper;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
