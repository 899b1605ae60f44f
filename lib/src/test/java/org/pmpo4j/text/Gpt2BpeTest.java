package org.pmpo4j.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Gpt2BpeTest {

    private static HuggingFaceTokenizer gpt2;

    @BeforeAll
    static void loadTokenizer() {
        gpt2 = Gpt2Bpe.load();
    }

    @AfterAll
    static void closeTokenizer() {
        gpt2.close();
    }

    @Test
    void knownWordsGetGpt2Ids() {
        // encoder.json maps "Ġmovie" to 3807, "Ġgood" to 922 and "The" to 464 ("Ġ" is the byte-level space).
        assertArrayEquals(new long[] {3807}, gpt2.encode(" movie").getIds());
        assertArrayEquals(new long[] {922}, gpt2.encode(" good").getIds());
        assertArrayEquals(new long[] {464, 3807}, gpt2.encode("The movie").getIds());
    }

    @Test
    void endOfTextIsOneSpecialToken() {
        assertArrayEquals(new long[] {Gpt2Bpe.END_OF_TEXT_ID}, gpt2.encode("<|endoftext|>").getIds());
    }

    @Test
    void decodeRestoresTextExactly() {
        String text = "Don't  watch it!\nIt's a 2/10 — dreadful… café";
        long[] ids = gpt2.encode(text).getIds();
        assertEquals(text, gpt2.decode(ids, false));
    }

    @Test
    void longTextIsNotTruncated() {
        // Each " movie" is one token, so 2,000 repetitions give 2,000 ids, beyond any default maximum length.
        String text = " movie".repeat(2_000);
        assertEquals(2_000, gpt2.encode(text).getIds().length);
    }

    @Test
    void missingEncoderNamesFileAndFix(@TempDir Path folder) {
        Path encoder = folder.resolve("encoder.json");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gpt2Bpe.load(encoder, TextData.gpt2Merges()));
        assertTrue(error.getMessage().contains(encoder.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("environment/fetch-data"), error.getMessage());
    }

    @Test
    void truncatedEncoderNamesFile(@TempDir Path folder) throws IOException {
        Path encoder = folder.resolve("encoder.json");
        Files.writeString(encoder, "{\"!\": 0, \"\\\"\": 1, \"#\"");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gpt2Bpe.load(encoder, TextData.gpt2Merges()));
        assertTrue(error.getMessage().startsWith("invalid JSON in " + encoder), error.getMessage());
    }

    @Test
    void smallEncoderIsRejected(@TempDir Path folder) throws IOException {
        Path encoder = folder.resolve("encoder.json");
        Files.writeString(encoder, "{\"a\": 0}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gpt2Bpe.load(encoder, TextData.gpt2Merges()));
        assertTrue(error.getMessage().contains("has 1 tokens"), error.getMessage());
    }

    @Test
    void malformedMergeLineIsRejected(@TempDir Path folder) throws IOException {
        Path merges = folder.resolve("vocab.bpe");
        Files.writeString(merges, "#version: 0.2\nĠ t\nĠta\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Gpt2Bpe.load(TextData.gpt2Encoder(), merges));
        assertTrue(error.getMessage().startsWith("line 3 of " + merges), error.getMessage());
    }
}
