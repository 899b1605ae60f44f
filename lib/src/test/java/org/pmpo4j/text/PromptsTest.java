package org.pmpo4j.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromptsTest {

    @Test
    void openingsKeepFirstWords() {
        List<Review> reviews = List.of(new Review("This film is a  true classic of its kind", true),
                new Review("Awful", false));
        assertEquals(List.of("This film is", "Awful"), Prompts.openings(reviews, 3));
    }

    @Test
    void zeroWordsIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Prompts.openings(List.of(), 0));
        assertEquals("wordCount must be >= 1, got 0; prompts of 2 to 8 words are typical", error.getMessage());
    }
}
