package org.pmpo4j.text;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpeTokenizerTest {

    private static final Logger LOG = LoggerFactory.getLogger(BpeTokenizerTest.class);
    private static final int KEPT = 2_000;

    private static List<String> imdbSentences;
    private static List<String> yelpSentences;
    private static BpeTokenizer tokenizer;

    @BeforeAll
    static void fitOnUciImdb() {
        imdbSentences = LabelledSentences.uci("imdb").stream().map(Review::text).toList();
        yelpSentences = LabelledSentences.uci("yelp").stream().map(Review::text).toList();
        tokenizer = BpeTokenizer.fit(imdbSentences, KEPT);
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    @Test
    void specialIdsComeFirst() {
        assertEquals(0, BpeTokenizer.PAD_ID);
        assertEquals(1, BpeTokenizer.UNK_ID);
        assertEquals(2, BpeTokenizer.BOS_ID);
        assertEquals(3, BpeTokenizer.EOS_ID);
        assertEquals(-1, tokenizer.gpt2Id(BpeTokenizer.EOS_ID));
    }

    @Test
    void vocabularyIsKeptPlusSpecials() {
        // The 1,000 sentences contain more than 2,000 distinct GPT-2 ids, so all 2,000 slots fill: 2,000 + 4.
        assertEquals(KEPT + 4, tokenizer.vocabularySize());
    }

    @Test
    void frequentWordMapsToItsGpt2Token() {
        // " movie" is GPT-2 id 3807 and among the most frequent tokens of IMDb sentences, so it is kept.
        int[] ids = tokenizer.encode(" movie");
        assertEquals(1, ids.length);
        assertEquals(3807, tokenizer.gpt2Id(ids[0]));
    }

    @Test
    void fittingSentencesRoundTrip() {
        // Every token of a fitting sentence is kept when the sentence has no token ranked beyond 2,000.
        int checked = 0;
        for (String sentence : imdbSentences) {
            int[] ids = tokenizer.encode(sentence);
            if (java.util.Arrays.stream(ids).noneMatch(id -> id == BpeTokenizer.UNK_ID)) {
                assertEquals(sentence, tokenizer.decode(ids));
                checked++;
            }
        }
        assertTrue(checked > 100, "sentences without UNK: " + checked);
    }

    @Test
    void unknownTokenDecodesAsMarker() {
        // "Zyzzyva" splits into rare GPT-2 pieces that the 1,000 IMDb sentences never use, so they encode as UNK.
        int[] ids = tokenizer.encode("good Zyzzyva");
        assertEquals(BpeTokenizer.UNK_ID, ids[ids.length - 1]);
        assertTrue(tokenizer.decode(ids).startsWith("good"), tokenizer.decode(ids));
        assertTrue(tokenizer.decode(ids).endsWith(BpeTokenizer.UNK_TEXT), tokenizer.decode(ids));
    }

    @Test
    void decodeSkipsPadBosEos() {
        int[] movie = tokenizer.encode(" movie");
        int[] ids = {BpeTokenizer.BOS_ID, movie[0], BpeTokenizer.EOS_ID, BpeTokenizer.PAD_ID};
        assertEquals(" movie", tokenizer.decode(ids));
    }

    @Test
    void coverageIsReported() {
        double fitCoverage = tokenizer.fitCoverage();
        double yelpCoverage = tokenizer.coverage(yelpSentences);
        LOG.info("BPE with {} kept ids: coverage {} on the UCI imdb sentences it was fit to, {} on UCI yelp",
                KEPT, fitCoverage, yelpCoverage);

        // The fit coverage is the kept share of the fitting tokens, so recomputing it gives the same number.
        assertEquals(fitCoverage, tokenizer.coverage(imdbSentences), 1e-12);
        // Measured: the 2,000 most frequent ids cover 0.890 of the 1,000 sentences' tokens.
        assertTrue(fitCoverage > 0.85, "fit coverage " + fitCoverage);
        assertTrue(yelpCoverage < fitCoverage, "yelp coverage " + yelpCoverage);
    }

    @Test
    void encodeAllMatchesEncode() {
        List<String> texts = imdbSentences.subList(0, 20);
        List<int[]> batch = tokenizer.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(tokenizer.encode(texts.get(i)), batch.get(i));
        }
    }

    @Test
    void saveLoadKeepsIds(@TempDir Path folder) {
        Path file = folder.resolve("vocabulary.json");
        tokenizer.save(file);
        try (BpeTokenizer loaded = BpeTokenizer.load(file)) {
            assertEquals(tokenizer.vocabularySize(), loaded.vocabularySize());
            assertEquals(tokenizer.fitCoverage(), loaded.fitCoverage());
            for (String sentence : yelpSentences.subList(0, 50)) {
                assertArrayEquals(tokenizer.encode(sentence), loaded.encode(sentence));
            }
        }
    }

    @Test
    void fitIsDeterministic() {
        try (BpeTokenizer again = BpeTokenizer.fit(imdbSentences, KEPT)) {
            for (int id = 4; id < again.vocabularySize(); id++) {
                assertEquals(tokenizer.gpt2Id(id), again.gpt2Id(id));
            }
        }
    }

    @Test
    void truncatedVocabularyIsRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("vocabulary.json");
        tokenizer.save(file);
        String content = Files.readString(file);
        Files.writeString(file, content.substring(0, content.length() / 2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.load(file));
        assertTrue(error.getMessage().startsWith("invalid JSON in " + file), error.getMessage());
    }

    @Test
    void repeatedGpt2IdIsRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("vocabulary.json");
        Files.writeString(file, "{\"format\":\"pmpo4j-gpt2-restricted-vocabulary\",\"version\":1,"
                + "\"fitCoverage\":0.5,\"gpt2Ids\":[3807,922,3807]}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.load(file));
        assertTrue(error.getMessage().startsWith("vocabulary " + file + " lists GPT-2 id 3807, which is a repeat"),
                error.getMessage());
    }

    @Test
    void otherFormatIsRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("vocabulary.json");
        Files.writeString(file, "{\"format\":\"other\",\"version\":1,\"gpt2Ids\":[1]}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BpeTokenizer.load(file));
        assertTrue(error.getMessage().contains("expected format \"pmpo4j-gpt2-restricted-vocabulary\""),
                error.getMessage());
    }

    @Test
    void keptTokensOutOfRangeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BpeTokenizer.fit(imdbSentences, 0));
        assertEquals("keptTokens must be in [1, 50257], got 0; 8000 to 16000 cover 92 to 97 % of IMDb tokens",
                error.getMessage());
    }

    @Test
    void emptyTextsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BpeTokenizer.fit(List.of(), 10));
        assertEquals("texts must not be empty; pass the pretraining reviews", error.getMessage());
    }

    @Test
    void idOutOfRangeIsRejected() {
        int size = tokenizer.vocabularySize();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tokenizer.decode(new int[] {size}));
        assertEquals("token id must be in [0, " + size + "), got " + size + "; decode only ids made by this tokenizer",
                error.getMessage());
    }
}
