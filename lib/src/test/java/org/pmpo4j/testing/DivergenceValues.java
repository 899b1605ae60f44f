package org.pmpo4j.testing;

import ai.djl.ndarray.NDManager;
import org.pmpo4j.divergence.Divergence;

/** Evaluates a divergence on host arrays, for expected values and finite differences. */
public final class DivergenceValues {

    private DivergenceValues() {}

    /** Returns D(π_ref, π_θ) between 1-row diagonal Gaussians given by mean and log σ. */
    public static double gaussian(Divergence divergence, double[] referenceMean, double[] referenceLogStd,
            double[] policyMean, double[] policyLogStd) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return divergence.gaussian(manager.create(referenceMean), manager.create(referenceLogStd),
                    manager.create(policyMean), manager.create(policyLogStd)).getDouble();
        }
    }

    /** Returns D(π_ref, π_θ) between categoricals given as log-probabilities of shape (V). */
    public static double categorical(Divergence divergence, double[] referenceLogProbs, double[] policyLogProbs) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return divergence.categorical(manager.create(referenceLogProbs), manager.create(policyLogProbs))
                    .getDouble();
        }
    }

    /** Returns D(π_ref, π_θ) where π_θ = softmax(policyLogits), so the logits can be perturbed. */
    public static double categoricalFromLogits(Divergence divergence, double[] referenceLogProbs,
            double[] policyLogits) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return divergence.categorical(manager.create(referenceLogProbs),
                    manager.create(policyLogits).logSoftmax(-1)).getDouble();
        }
    }

    /** Returns the sample estimate of D from log-probabilities of samples, shape (N). */
    public static double estimate(Divergence divergence, double[] referenceLogProbs, double[] policyLogProbs) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return divergence.estimate(manager.create(referenceLogProbs), manager.create(policyLogProbs))
                    .getDouble();
        }
    }

    /** Returns log(values), element by element. */
    public static double[] log(double... values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }
}
