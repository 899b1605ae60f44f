package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pmpo4j.experiment.Method;

class AlignmentConfigTest {

    private static AlignmentConfig withCounts(String method, int prompts, int accept, int reject) {
        return new AlignmentConfig(Method.parse(method), 10, prompts, 4, accept, reject, 24, 1.0, 1e-4, 0, 5, 1);
    }

    private static void assertRejected(String expected, Runnable build) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void paperDefaultsAreTopTwoOfFour() {
        AlignmentConfig config = AlignmentConfig.of(Method.parse("pmpo-ar"), 100, 3);
        assertEquals(4, config.samplesPerPrompt());
        assertEquals(2, config.acceptCount());
        assertEquals(2, config.rejectCount());
        assertEquals(0, config.referenceRefreshInterval());
    }

    @Test
    void missingMethodIsRejected() {
        assertRejected("method is missing",
                () -> new AlignmentConfig(null, 10, 8, 4, 2, 2, 24, 1.0, 1e-4, 0, 5, 1));
    }

    @Test
    void unsupportedMethodIsRejected() {
        assertRejected("method MPO is not supported for language-model alignment",
                () -> withCounts("mpo", 8, 2, 2));
        assertRejected("method IPO is not supported", () -> withCounts("ipo", 8, 2, 2));
    }

    @Test
    void otherPmpoDivergenceIsRejected() {
        Method reverse = new Method.Pmpo("PMPO-AR", 0.5, 1.0, "kl-policy-reference");
        assertRejected("PMPO divergence must be kl-reference-policy for a language model, got kl-policy-reference",
                () -> AlignmentConfig.of(reverse, 10, 1));
    }

    @Test
    void ktoWithOnePromptIsRejected() {
        assertRejected("promptsPerStep must be >= 2 for KTO, got 1", () -> withCounts("kto", 1, 2, 2));
    }

    @Test
    void tooManyLabelsAreRejected() {
        assertRejected("acceptCount + rejectCount must be at most samplesPerPrompt = 4, got 3 + 2",
                () -> withCounts("pmpo-ar", 8, 3, 2));
    }

    @Test
    void setThatMethodNeedsMustBeNonEmpty() {
        assertRejected("PMPO-A needs accepted completions, but acceptCount is 0", () -> withCounts("pmpo-a", 8, 0, 2));
        assertRejected("PMPO-R needs rejected completions, but rejectCount is 0", () -> withCounts("pmpo-r", 8, 2, 0));
        assertRejected("DPO needs rejected completions, but rejectCount is 0", () -> withCounts("dpo", 8, 2, 0));
        assertRejected("acceptCount and rejectCount are both 0", () -> withCounts("kto", 8, 0, 0));
    }

    @Test
    void acceptOnlyMayLeaveRejectedEmpty() {
        assertEquals(0, withCounts("pmpo-a", 8, 2, 0).rejectCount());
    }

    @Test
    void invalidNumbersAreRejected() {
        Method method = Method.parse("pmpo-ar");
        assertRejected("steps must be >= 1, got 0",
                () -> new AlignmentConfig(method, 0, 8, 4, 2, 2, 24, 1.0, 1e-4, 0, 5, 1));
        assertRejected("samplesPerPrompt must be >= 2, got 1",
                () -> new AlignmentConfig(method, 10, 8, 1, 1, 0, 24, 1.0, 1e-4, 0, 5, 1));
        assertRejected("maxNewTokens must be >= 1, got 0",
                () -> new AlignmentConfig(method, 10, 8, 4, 2, 2, 0, 1.0, 1e-4, 0, 5, 1));
        assertRejected("temperature must be finite and > 0, got NaN",
                () -> new AlignmentConfig(method, 10, 8, 4, 2, 2, 24, Double.NaN, 1e-4, 0, 5, 1));
        assertRejected("learningRate must be in (0, 1], got 2.0",
                () -> new AlignmentConfig(method, 10, 8, 4, 2, 2, 24, 1.0, 2.0, 0, 5, 1));
        assertRejected("referenceRefreshInterval must be >= 0, got -1",
                () -> new AlignmentConfig(method, 10, 8, 4, 2, 2, 24, 1.0, 1e-4, -1, 5, 1));
        assertRejected("evaluationInterval must be >= 1, got 0",
                () -> new AlignmentConfig(method, 10, 8, 4, 2, 2, 24, 1.0, 1e-4, 0, 0, 1));
    }
}
