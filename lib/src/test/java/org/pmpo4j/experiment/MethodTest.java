package org.pmpo4j.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodTest {

    @Test
    void parseGivesPaperVariants() {
        assertEquals(0.5, ((Method.Pmpo) Method.parse("pmpo-ar")).alpha());
        assertEquals(1.0, ((Method.Pmpo) Method.parse("PMPO-A")).alpha());
        assertEquals(0.0, ((Method.Pmpo) Method.parse(" pmpo-r ")).alpha());
        assertEquals("DPO", Method.parse("dpo").label());
        assertEquals("MPO", Method.parse("mpo").label());
    }

    @Test
    void unknownNameListsValidNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Method.parse("ppo"));
        assertTrue(error.getMessage().contains("'ppo'"));
        assertTrue(error.getMessage().contains("pmpo-ar"));
    }

    @Test
    void pmpoRejectsAlphaOutsideUnitInterval() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Method.Pmpo("x", 1.5, 1.0, "kl-reference-policy"));
        assertTrue(error.getMessage().contains("alpha must be in [0, 1], got 1.5"));
        assertThrows(IllegalArgumentException.class, () -> new Method.Pmpo("x", Double.NaN, 1.0, "kl-reference-policy"));
    }

    @Test
    void pmpoRejectsNegativeOrInfiniteBeta() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Method.Pmpo("x", 0.5, -0.1, "kl-reference-policy"));
        assertTrue(error.getMessage().contains("beta must be a finite number >= 0, got -0.1"));
        assertThrows(IllegalArgumentException.class,
                () -> new Method.Pmpo("x", 0.5, Double.POSITIVE_INFINITY, "kl-reference-policy"));
    }

    @Test
    void pmpoRejectsUnknownDivergence() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Method.Pmpo("x", 0.5, 1.0, "wasserstein"));
        assertTrue(error.getMessage().contains("wasserstein"));
    }

    @Test
    void baselinesRejectNonPositiveTemperatures() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Method.Dpo("d", 0.0))
                .getMessage().contains("DPO beta must be a finite number > 0, got 0.0"));
        assertThrows(IllegalArgumentException.class, () -> new Method.Ipo("i", -1.0));
        assertThrows(IllegalArgumentException.class, () -> new Method.Kto("k", Double.NaN));
    }

    @Test
    void labelsMustBeCsvSafe() {
        assertThrows(IllegalArgumentException.class, () -> new Method.Dpo("a,b", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Method.Dpo(" ", 1.0));
    }

    @Test
    void withLabelKeepsSettings() {
        Method.Pmpo relabelled = (Method.Pmpo) Method.parse("pmpo-r").withLabel("PMPO-R β=1.5");
        assertEquals("PMPO-R β=1.5", relabelled.label());
        assertEquals(0.0, relabelled.alpha());
    }
}
