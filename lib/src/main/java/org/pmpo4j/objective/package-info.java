/**
 * Preference objectives: PMPO and the DPO, IPO, KTO and MPO baselines.
 *
 * <p>Each objective returns an {@link org.pmpo4j.objective.ObjectiveResult}: a scalar loss to
 * minimise and named statistics. Shape letters in the Javadoc and the shape comments: N samples, P
 * pairs, C contexts, K samples per context, D action dimensions. Inputs must be floating point. A
 * loss keeps the type of its inputs, so float64 inputs give a float64 loss, which the
 * finite-difference tests rely on. Intermediates are freed before a loss returns, so a training
 * loop leaks no NDArrays through the objectives.
 */
package org.pmpo4j.objective;
