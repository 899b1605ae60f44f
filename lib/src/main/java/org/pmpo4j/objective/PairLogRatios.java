package org.pmpo4j.objective;

import ai.djl.ndarray.NDArray;

/**
 * The per-pair log-ratios that DPO and IPO build their losses from, for P pairs of a chosen sample y_w and a rejected
 * sample y_l: {@code chosen} = log π_θ(y_w) − log π_ref(y_w), {@code rejected} = log π_θ(y_l) − log π_ref(y_l) and
 * {@code margin} h = chosen − rejected, each of shape (P).
 */
record PairLogRatios(NDArray chosen, NDArray rejected, NDArray margin) {

    /**
     * Checks that every input is finite and computes the log-ratios. Call it inside the objective's
     * {@link LossScope}, after {@link Inputs#requirePairs} has checked the shapes.
     *
     * @throws IllegalArgumentException naming the first input that contains a NaN or infinite value
     */
    static PairLogRatios of(
            NDArray policyChosen,
            NDArray referenceChosen,
            NDArray policyRejected,
            NDArray referenceRejected) {
        Inputs.requireFinite("policyChosen", policyChosen);
        Inputs.requireFinite("referenceChosen", referenceChosen);
        Inputs.requireFinite("policyRejected", policyRejected);
        Inputs.requireFinite("referenceRejected", referenceRejected);
        NDArray chosen = policyChosen.sub(referenceChosen); // (P)
        NDArray rejected = policyRejected.sub(referenceRejected); // (P)
        return new PairLogRatios(chosen, rejected, chosen.sub(rejected));
    }
}
