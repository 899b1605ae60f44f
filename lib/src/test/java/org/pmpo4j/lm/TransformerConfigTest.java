package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransformerConfigTest {

    @Test
    void tinyHasAbout50kParameters() {
        // V·D + C·D + L·(4D² + 2DF + 9D + F) + 2D with V 256, C 32, D 32, L 3, F 128:
        // 8192 + 1024 + 3·(4096 + 8192 + 288 + 128) + 64 = 47,392.
        assertEquals(47_392, TransformerConfig.tiny().parameterCount());
    }

    @Test
    void paperPresetCountMatchesFormula() {
        // V 8192, C 128, D 192, L 4, F 768: 1,572,864 + 24,576 + 4·(147,456 + 294,912 + 1,728 + 768) + 384.
        assertEquals(3_377_280, TransformerConfig.paper(8192).parameterCount());
    }

    @Test
    void widthNotDivisibleByHeadsIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 30, 1, 4, 16));
        assertTrue(error.getMessage().contains("modelWidth must be divisible by headCount, got modelWidth 30"),
                error.getMessage());
    }

    @Test
    void tooSmallVocabularyIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(1, 8, 8, 1, 1, 16));
        assertTrue(error.getMessage().contains("vocabularySize must be >= 2, got 1"), error.getMessage());
    }

    @Test
    void zeroLayersAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 8, 0, 1, 16));
        assertTrue(error.getMessage().contains("layerCount must be >= 1, got 0"), error.getMessage());
    }

    @Test
    void contextOfOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 1, 8, 1, 1, 16));
        assertTrue(error.getMessage().contains("contextLength must be >= 2, got 1"), error.getMessage());
    }

    @Test
    void nonZeroDropoutIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 8, 1, 1, 16, 0.1));
        assertTrue(error.getMessage().contains("dropout must be 0, got 0.1"), error.getMessage());
    }

    @Test
    void zeroMlpWidthIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TransformerConfig(10, 8, 8, 1, 1, 0));
        assertTrue(error.getMessage().contains("mlpWidth must be >= 1, got 0"), error.getMessage());
    }
}
