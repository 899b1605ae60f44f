package org.pmpo4j.feedback;

import java.util.stream.IntStream;

/**
 * Turns binary labels, such as thumbs up and thumbs down from a person or a data set, into
 * feedback: {@code true} is accepted and {@code false} is rejected.
 */
public final class LabelSelector {

    /** Creates the selector. It has no parameters. */
    public LabelSelector() {}

    /**
     * Selects feedback for one batch.
     *
     * @param labels one label per sample, length N &gt;= 1
     * @return the {@code true} indices as accepted and the {@code false} ones as rejected, each in
     *     increasing index order
     * @throws NullPointerException if {@code labels} is null
     * @throws IllegalArgumentException if {@code labels} is empty
     */
    public Feedback select(boolean[] labels) {
        if (labels == null) {
            throw new NullPointerException("labels must not be null");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels is empty; pass one label per sample in the batch");
        }
        int[] accepted = IntStream.range(0, labels.length).filter(i -> labels[i]).toArray();
        int[] rejected = IntStream.range(0, labels.length).filter(i -> !labels[i]).toArray();
        return new Feedback(accepted, rejected);
    }
}
