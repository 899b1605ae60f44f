package org.pmpo4j.feedback;

import java.util.stream.IntStream;

/**
 * Labels samples by the sign of their advantage: A &gt; 0 is accepted, A &lt; 0 is rejected.
 *
 * <p>Samples with A = 0 (including -0.0) carry no preference and get no label. Only the sign is
 * used, so the magnitude and scale of the advantages do not matter. This is the labelling used for
 * learning from a critic or a value function.
 */
public final class AdvantageSignSelector {

    /** Creates the selector. It has no parameters. */
    public AdvantageSignSelector() {}

    /**
     * Selects feedback for one batch.
     *
     * @param advantages one finite advantage per sample, length N &gt;= 1
     * @return the positive-advantage indices as accepted and the negative ones as rejected, each in
     *     increasing index order
     * @throws IllegalArgumentException if {@code advantages} is empty or contains NaN or an infinity
     */
    public Feedback select(double[] advantages) {
        Scores.requireFinite("advantages", advantages);
        int[] accepted =
                IntStream.range(0, advantages.length).filter(i -> advantages[i] > 0).toArray();
        int[] rejected =
                IntStream.range(0, advantages.length).filter(i -> advantages[i] < 0).toArray();
        return new Feedback(accepted, rejected);
    }
}
