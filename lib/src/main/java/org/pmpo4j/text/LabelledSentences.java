package org.pmpo4j.text;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The UCI Sentiment Labelled Sentences (Kotzias et al., "From Group to Individual Labels using Deep Features",
 * KDD 2015, CC BY 4.0): 1,000 sentences each from IMDb, Amazon and Yelp, half positive, as shipped in the test
 * fixtures of npm {@code sentiment} 5.0.2. Each fixture is a JSON array of {@code {"text": ..., "class": 0|1}} that
 * ends with one placeholder record {@code {"text": "", "class": null}}, which loading drops.
 */
public final class LabelledSentences {

    private static final String FIX = "delete the data/cache/sentiment-5.0.2 folder and rerun environment/fetch-data";

    private LabelledSentences() {
    }

    /** Loads the sentences of {@code source} ({@code imdb}, {@code amazon} or {@code yelp}) from the data cache. */
    public static List<Review> uci(String source) {
        return load(TextData.uciSentences(source));
    }

    /**
     * Loads a file in the fixture format, trimming each sentence.
     *
     * @throws IllegalArgumentException if the file is missing, truncated or corrupt, or a record other than the
     *                                  empty placeholder lacks a text or a class of 0 or 1
     */
    public static List<Review> load(Path file) {
        return JsonFiles.read(file, FIX, LabelledSentences::readArray);
    }

    private static List<Review> readArray(JsonReader reader) throws IOException {
        List<Review> sentences = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            String text = null;
            Integer label = null;
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals("text")) {
                    text = reader.nextString().strip();
                } else if (name.equals("class") && reader.peek() != JsonToken.NULL) {
                    label = reader.nextInt();
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();

            boolean placeholder = text != null && text.isEmpty() && label == null;
            if (placeholder) {
                continue;
            }
            if (text == null || text.isEmpty() || label == null || (label != 0 && label != 1)) {
                throw new IllegalStateException("record " + reader.getPreviousPath() + " needs a non-empty \"text\""
                        + " and \"class\" equal to 0 or 1, got class=" + label);
            }
            sentences.add(new Review(text, label == 1));
        }
        reader.endArray();
        return sentences;
    }
}
