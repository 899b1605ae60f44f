package org.pmpo4j.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DivergencesTest {

    private static final String VALID_NAMES = "valid names: kl-reference-policy, kl-policy-reference, entropy,"
            + " alpha-<alpha> (e.g. alpha-0.5), hybrid-<alpha>-<mix> (e.g. hybrid-0.5-0.25)";

    @Test
    void byNameFixedNames() {
        assertEquals(KlDivergence.referencePolicy(), Divergences.byName("kl-reference-policy"));
        assertEquals(KlDivergence.policyReference(), Divergences.byName("kl-policy-reference"));
        assertEquals(new EntropyRegularizer(), Divergences.byName("entropy"));
    }

    @Test
    void byNameParsesAlpha() {
        assertEquals(new AlphaDivergence(0.5), Divergences.byName("alpha-0.5"));
        assertEquals(new AlphaDivergence(-1.5), Divergences.byName("alpha--1.5"));
        assertEquals(new AlphaDivergence(1e-3), Divergences.byName("alpha-1e-3"));
    }

    @Test
    void byNameParsesHybrid() {
        assertEquals(new HybridDivergence(0.5, 0.25), Divergences.byName("hybrid-0.5-0.25"));
        assertEquals(new HybridDivergence(-0.5, 1.0), Divergences.byName("hybrid--0.5-1"));
        assertEquals(new HybridDivergence(1e-3, 0.5), Divergences.byName("hybrid-1e-3-0.5"));
        assertEquals(new HybridDivergence(2.0, 1e-4), Divergences.byName("hybrid-2.0-1.0E-4"));
    }

    @Test
    void byNameInvertsName() {
        Divergence[] divergences = {
            KlDivergence.referencePolicy(),
            KlDivergence.policyReference(),
            new EntropyRegularizer(),
            new AlphaDivergence(0.5),
            new AlphaDivergence(-2.0),
            new AlphaDivergence(1e-7),
            new HybridDivergence(0.5, 0.25),
            new HybridDivergence(-1e-5, 1e-4),
        };
        for (Divergence divergence : divergences) {
            assertEquals(divergence, Divergences.byName(divergence.name()), divergence.name());
        }
    }

    @Test
    void byNameRejectsUnknownName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Divergences.byName("kl"));

        assertEquals("unknown divergence name 'kl'; " + VALID_NAMES, error.getMessage());
    }

    @Test
    void byNameRejectsMalformedHybrid() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Divergences.byName("hybrid-0.5"));

        assertEquals("unknown divergence name 'hybrid-0.5'; " + VALID_NAMES, error.getMessage());
    }

    @Test
    void byNameRejectsInvalidNumber() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Divergences.byName("alpha-half"));

        assertEquals("invalid number 'half' in divergence name 'alpha-half'; " + VALID_NAMES, error.getMessage());
    }

    @Test
    void byNamePassesRangeErrorsThrough() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Divergences.byName("hybrid-0.5-2"));

        assertEquals("mix must be in [0, 1], got 2.0; use 1 for the pure alpha-divergence and 0 for "
                + "KL(reference||policy)", error.getMessage());
    }

    @Test
    void byNameRejectsNull() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Divergences.byName(null));

        assertEquals("divergence name must not be null; " + VALID_NAMES, error.getMessage());
    }
}
