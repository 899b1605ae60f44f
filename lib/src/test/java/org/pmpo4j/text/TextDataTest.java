package org.pmpo4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TextDataTest {

    private static final Path PROJECT = Path.of("/checkout");

    @Test
    void unsetMeansDataCache() {
        assertEquals(Path.of("/checkout/data/cache"), TextData.cacheDirectory(null, () -> PROJECT));
        assertEquals(Path.of("/checkout/data/cache"), TextData.cacheDirectory(" ", () -> PROJECT));
    }

    @Test
    void absoluteOverrideIsUsedAsGiven() {
        assertEquals(Path.of("/srv/cache"), TextData.cacheDirectory("/srv/cache", () -> {
            throw new AssertionError("the project root is not needed for an absolute path");
        }));
    }

    @Test
    void relativeOverrideCountsFromProjectRoot() {
        assertEquals(Path.of("/checkout/other/cache"), TextData.cacheDirectory("other/./cache", () -> PROJECT));
    }

    @Test
    void noCheckoutNamesTheVariable() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> TextData.cacheDirectory(null, () -> {
                    throw new IllegalStateException("no checkout");
                }));
        assertTrue(error.getMessage().contains("set PMPO4J_DATA_CACHE to the folder that environment/fetch-data"
                + " filled"), error.getMessage());
    }
}
