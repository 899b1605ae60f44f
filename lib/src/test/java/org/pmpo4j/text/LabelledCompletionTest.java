package org.pmpo4j.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelledCompletionTest {

    @Test
    void emptyPromptIsAllowed() {
        assertEquals("", new LabelledCompletion("", "text", true).prompt());
    }

    @Test
    void nullPromptIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LabelledCompletion(null, "text", true));
        assertEquals("prompt must not be null; use \"\" for no prompt", error.getMessage());
    }

    @Test
    void blankCompletionIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LabelledCompletion("p", " \n", false));
        assertEquals("completion must be a non-blank string, got \" \n\"; drop samples with no text",
                error.getMessage());
    }

    @Test
    void nullCompletionIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LabelledCompletion("p", null, false));
        assertEquals("completion must be a non-blank string, got null; drop samples with no text", error.getMessage());
    }
}
