/**
 * Feedback on a batch of N samples: which samples are accepted (D_a) and which are rejected (D_r).
 *
 * <p>Selectors turn per-sample scores, advantages or labels into a {@link
 * org.pmpo4j.feedback.Feedback}, and {@link org.pmpo4j.feedback.Pairing} turns it into (chosen,
 * rejected) pairs for pairwise objectives. Every ranking uses one order: a higher score ranks
 * first, and the lower index wins a tie.
 */
package org.pmpo4j.feedback;
