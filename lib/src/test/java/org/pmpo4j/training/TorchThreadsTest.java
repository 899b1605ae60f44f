package org.pmpo4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TorchThreadsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(TorchThreads.PROPERTY);
    }

    @Test
    void defaultIsEveryAvailableProcessor() {
        System.clearProperty(TorchThreads.PROPERTY);
        assertEquals(Runtime.getRuntime().availableProcessors(), TorchThreads.languageModelThreads());
    }

    @Test
    void propertyFixesTheCount() {
        System.setProperty(TorchThreads.PROPERTY, " 3 ");
        assertEquals(3, TorchThreads.languageModelThreads());
    }

    @Test
    void invalidPropertyValuesAreRejected() {
        for (String value : new String[] {"0", "-2", "two", "", "257", "100000"}) {
            System.setProperty(TorchThreads.PROPERTY, value);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    TorchThreads::languageModelThreads, value);
            assertTrue(error.getMessage().contains("pmpo4j.torch.threads must be an integer from 1 to 256, got '"
                    + value + "'"), error.getMessage());
        }
    }

    @Test
    void largestCountIsAccepted() {
        System.setProperty(TorchThreads.PROPERTY, "256");
        assertEquals(256, TorchThreads.languageModelThreads());
    }

    @Test
    void zeroThreadsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TorchThreads.useOnCallingThread(0));
        assertTrue(error.getMessage().contains("threads must be from 1 to 256, got 0"), error.getMessage());
    }
}
