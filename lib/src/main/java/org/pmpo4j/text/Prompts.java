package org.pmpo4j.text;

import java.util.ArrayList;
import java.util.List;

/** Prompts for the language-model experiments: the openings of held-out reviews, as in the IMDb task of DPO. */
public final class Prompts {

    private Prompts() {
    }

    /**
     * Returns the first {@code wordCount} whitespace-separated words of each review, joined by single spaces. A
     * review with fewer words gives all of them.
     *
     * @throws IllegalArgumentException if {@code wordCount < 1}
     */
    public static List<String> openings(List<Review> reviews, int wordCount) {
        if (wordCount < 1) {
            throw new IllegalArgumentException("wordCount must be >= 1, got " + wordCount
                    + "; prompts of 2 to 8 words are typical");
        }
        List<String> prompts = new ArrayList<>(reviews.size());
        for (Review review : reviews) {
            String[] words = review.text().strip().split("\\s+", wordCount + 1);
            int kept = Math.min(wordCount, words.length);
            prompts.add(String.join(" ", List.of(words).subList(0, kept)));
        }
        return prompts;
    }
}
