package org.pmpo4j.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledSentencesTest {

    @Test
    void uciImdbHasBalancedThousand() {
        List<Review> sentences = LabelledSentences.uci("imdb");

        // 1,000 sentences, 500 per label; the trailing placeholder record is dropped.
        assertEquals(1_000, sentences.size());
        assertEquals(500, sentences.stream().filter(Review::positive).count());
        assertTrue(sentences.stream().noneMatch(sentence -> sentence.text().isEmpty()));
    }

    @Test
    void placeholderIsDroppedAndTextTrimmed(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("s.json");
        Files.writeString(file, "[{\"text\":\"Loved it.  \",\"class\":1},{\"text\":\"\",\"class\":null}]");
        assertEquals(List.of(new Review("Loved it.", true)), LabelledSentences.load(file));
    }

    @Test
    void emptyTextWithClassIsRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("s.json");
        Files.writeString(file, "[{\"text\":\"  \",\"class\":0}]");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LabelledSentences.load(file));
        assertTrue(error.getMessage().contains("record $[0] needs a non-empty \"text\""), error.getMessage());
    }

    @Test
    void unknownSourceIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LabelledSentences.uci("twitter"));
        assertEquals("source must be imdb, amazon or yelp, got 'twitter'; these are the three UCI sentence sets",
                error.getMessage());
    }
}
