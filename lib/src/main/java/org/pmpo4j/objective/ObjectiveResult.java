package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scalar loss to minimise, with named statistics of the step that produced it.
 *
 * <p>Statistic names use slashes, such as {@code "loss/pmpo"} or {@code "logp/accepted"}, and keep
 * the insertion order of the objective that wrote them, so they map directly to table columns. A
 * statistic is NaN where it is undefined, such as the mean log-probability of an empty set.
 *
 * @param loss the scalar loss, attached to the manager of the objective's first input and still
 *     connected to the autograd graph
 * @param statistics detached values in insertion order; the map is unmodifiable
 */
public record ObjectiveResult(NDArray loss, Map<String, Double> statistics) {

    /**
     * Checks that the loss is a scalar and stores an unmodifiable, ordered copy of the statistics.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the loss has more than one element
     */
    public ObjectiveResult {
        if (loss == null || statistics == null) {
            throw new NullPointerException("loss and statistics must not be null");
        }
        if (loss.size() != 1) {
            throw new IllegalArgumentException(
                    "loss must be a scalar, got shape " + loss.getShape() + "; reduce it with mean or sum");
        }
        statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    }

    /**
     * Returns the statistic called {@code name}.
     *
     * @throws IllegalArgumentException if there is no statistic of that name
     */
    public double statistic(String name) {
        Double value = statistics.get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "no statistic named '" + name + "'; available: " + statistics.keySet());
        }
        return value;
    }

    /** Returns the loss value as a double. */
    public double lossValue() {
        return Inputs.scalarValue(loss);
    }
}
