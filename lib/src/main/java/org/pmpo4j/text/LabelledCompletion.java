package org.pmpo4j.text;

/**
 * One piece of unpaired feedback: a completion of a prompt with a thumbs-up or thumbs-down label.
 *
 * @param prompt     the prompt, possibly empty, never null
 * @param completion the completion, never null or blank
 * @param label      true if the completion is accepted (in D_a), false if rejected (in D_r)
 */
public record LabelledCompletion(String prompt, String completion, boolean label) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code prompt} or {@code completion} is null, or the completion is blank
     */
    public LabelledCompletion {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt must not be null; use \"\" for no prompt");
        }
        if (completion == null || completion.isBlank()) {
            throw new IllegalArgumentException("completion must be a non-blank string, got "
                    + (completion == null ? "null" : "\"" + completion + "\"") + "; drop samples with no text");
        }
    }
}
