package org.pmpo4j.divergence;

import ai.djl.ndarray.NDArray;
import org.pmpo4j.policy.ArrayShapes;

/** Shape check shared by the Gaussian forms of the divergences. */
final class GaussianArguments {

    private GaussianArguments() {}

    /** Checks that each mean matches its log σ and that the two policies broadcast over D. */
    static void validate(NDArray referenceMean, NDArray referenceLogStd, NDArray policyMean, NDArray policyLogStd) {
        ArrayShapes.requireSameShape("referenceMean", referenceMean, "referenceLogStd", referenceLogStd);
        ArrayShapes.requireSameShape("policyMean", policyMean, "policyLogStd", policyLogStd);
        ArrayShapes.requireBroadcastable("referenceMean", referenceMean, "policyMean", policyMean);
    }
}
