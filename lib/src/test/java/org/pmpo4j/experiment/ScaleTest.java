package org.pmpo4j.experiment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaleTest {

    @Test
    void unsetVariableMeansPaperScale() {
        assertEquals(Scale.PAPER, Scale.fromEnvironment(Map.of()));
        assertEquals(Scale.PAPER, Scale.fromEnvironment(Map.of("PMPO_SCALE", " ")));
    }

    @Test
    void parseIgnoresCase() {
        assertEquals(Scale.SMOKE, Scale.fromEnvironment(Map.of("PMPO_SCALE", "Smoke")));
        assertEquals(Scale.PAPER, Scale.parse("paper"));
    }

    @Test
    void unknownScaleNamesValueAndFix() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Scale.parse("huge"));
        assertTrue(error.getMessage().contains("'huge'"));
        assertTrue(error.getMessage().contains("PMPO_SCALE=smoke"));
    }

    @Test
    void chooseReturnsValueForScale() {
        assertEquals(2, Scale.SMOKE.choose(2, 5));
        assertEquals(5, Scale.PAPER.choose(2, 5));
    }
}
