package org.pmpo4j.text;

import java.util.Objects;

/**
 * A text with a binary sentiment label: an IMDb review (positive means a rating of 7/10 or more, negative 4/10 or
 * less) or a labelled sentence.
 *
 * @param text     the text, never null
 * @param positive whether the text is labelled positive
 */
public record Review(String text, boolean positive) {

    public Review {
        Objects.requireNonNull(text, "text");
    }
}
