package org.pmpo4j.text;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentimentRewardModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(SentimentRewardModelTest.class);

    private static List<Review> training;
    private static List<String> probes;
    private static SentimentRewardModel model;

    @BeforeAll
    static void trainOnImdbSubset() {
        // 5,000 reviews keep the test short; the full reward-model split reaches about 90 % on held-out reviews.
        ImdbReviews.Split split = ImdbReviews.load().split(0, 5_000, 0, 11);
        training = split.rewardModel();
        probes = LabelledSentences.uci("imdb").stream().map(Review::text).limit(50).toList();
        model = SentimentRewardModel.train(training, SentimentRewardModel.Config.defaults(3));
    }

    @Test
    void beatsChanceOnUciImdbSentences() {
        double accuracy = model.accuracy(LabelledSentences.uci("imdb"));
        LOG.info("reward model trained on 5,000 IMDb reviews: accuracy {} on the 1,000 UCI imdb sentences", accuracy);

        // Chance is 0.5 on these balanced sentences; a model that learned sentiment words gets well above 0.7.
        assertTrue(accuracy > 0.75, "accuracy " + accuracy);
    }

    @Test
    void rewardSignFollowsSentiment() {
        assertTrue(model.reward("A wonderful, moving film. Excellent acting and a great story.") > 0);
        assertTrue(model.reward("Awful. A boring waste of time, the worst movie I have seen.") < 0);
    }

    @Test
    void probabilityIsSigmoidOfReward() {
        String text = "great";
        double reward = model.reward(text);
        assertEquals(1 / (1 + Math.exp(-reward)), model.probabilityPositive(text), 1e-12);
    }

    @Test
    void emptyTextGetsBiasOnly() {
        // No words means no features, so the reward is the bias, the same for every empty text.
        assertEquals(model.reward(""), model.reward("  ... "));
    }

    @Test
    void trainingIsDeterministic() {
        SentimentRewardModel again = SentimentRewardModel.train(training, SentimentRewardModel.Config.defaults(3));
        assertArrayEquals(model.rewards(probes), again.rewards(probes));
    }

    @Test
    void seedChangesWeights() {
        SentimentRewardModel other = SentimentRewardModel.train(training, SentimentRewardModel.Config.defaults(4));
        assertTrue(!Arrays.equals(model.rewards(probes), other.rewards(probes)));
    }

    @Test
    void saveLoadKeepsRewards(@TempDir Path folder) {
        Path file = folder.resolve("reward-model.bin");
        model.save(file);
        SentimentRewardModel loaded = SentimentRewardModel.load(file);
        assertArrayEquals(model.rewards(probes), loaded.rewards(probes));
    }

    @Test
    void truncatedFileIsRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("reward-model.bin");
        model.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 8));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SentimentRewardModel.load(file));
        assertTrue(error.getMessage().startsWith(file + " ends early"), error.getMessage());
        assertTrue(error.getMessage().endsWith("save it with SentimentRewardModel.save"), error.getMessage());
    }

    @Test
    void trailingBytesAreRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("reward-model.bin");
        model.save(file);
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SentimentRewardModel.load(file));
        assertTrue(error.getMessage().startsWith(file + " has 3 bytes after the weights"), error.getMessage());
    }

    @Test
    void otherFileIsRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("reward-model.bin");
        Files.writeString(file, "not a model, just some text");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SentimentRewardModel.load(file));
        assertTrue(error.getMessage().startsWith(file + " is not a reward model file of version 1"),
                error.getMessage());
    }

    @Test
    void missingFileIsRejected(@TempDir Path folder) {
        Path file = folder.resolve("none.bin");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SentimentRewardModel.load(file));
        assertTrue(error.getMessage().startsWith("reward model file not found: " + file), error.getMessage());
    }

    @Test
    void saveLeavesNoTemporaryFile(@TempDir Path folder) throws IOException {
        model.save(folder.resolve("reward-model.bin"));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("reward-model.bin"), files.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void singleLabelIsRejected() {
        List<Review> positives = List.of(new Review("good", true), new Review("fine", true));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SentimentRewardModel.train(positives, SentimentRewardModel.Config.defaults(1)));
        assertEquals("examples must contain both labels, got 2 positive of 2; pass the reward-model split of the"
                + " reviews", error.getMessage());
    }

    @Test
    void emptyAccuracyInputIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> model.accuracy(List.of()));
        assertEquals("examples must not be empty; pass held-out labelled texts", error.getMessage());
    }

    @Test
    void invalidConfigsAreRejected() {
        assertEquals("hashBits must be in [10, 26], got 9; 18 (262,144 buckets) suits 40,000 reviews",
                configError(() -> new SentimentRewardModel.Config(9, 5, 0.5, 0, 1)));
        assertEquals("epochs must be >= 1, got 0; 5 is typical",
                configError(() -> new SentimentRewardModel.Config(18, 0, 0.5, 0, 1)));
        assertEquals("learningRate must be finite and > 0, got NaN; 0.5 works with AdaGrad here",
                configError(() -> new SentimentRewardModel.Config(18, 5, Double.NaN, 0, 1)));
        assertEquals("learningRate must be finite and > 0, got 0.0; 0.5 works with AdaGrad here",
                configError(() -> new SentimentRewardModel.Config(18, 5, 0, 0, 1)));
        assertEquals("l2 must be finite and >= 0, got -1.0; use 0 for none",
                configError(() -> new SentimentRewardModel.Config(18, 5, 0.5, -1, 1)));
        assertEquals("l2 must be finite and >= 0, got Infinity; use 0 for none",
                configError(() -> new SentimentRewardModel.Config(18, 5, 0.5, Double.POSITIVE_INFINITY, 1)));
    }

    private static String configError(org.junit.jupiter.api.function.Executable construction) {
        return assertThrows(IllegalArgumentException.class, construction).getMessage();
    }
}
