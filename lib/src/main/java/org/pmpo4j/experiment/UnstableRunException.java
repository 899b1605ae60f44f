package org.pmpo4j.experiment;

import java.util.Locale;

/**
 * Thrown when a run breaks down: its loss is NaN or infinite, or its policy leaves the range where updates mean
 * anything. The message names the iteration, method, function and seed.
 */
public final class UnstableRunException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private UnstableRunException(String message) {
        super(message);
    }

    static UnstableRunException nonFiniteLoss(BanditConfig config, int iteration, double loss) {
        return new UnstableRunException("loss became " + loss + " at iteration " + iteration + " of " + where(config)
                + "; lower the learning rate or raise beta so the objective stays bounded");
    }

    static UnstableRunException policyOutOfRange(BanditConfig config, int iteration, double minStd, double maxStd,
            double maxAbsMean) {
        return new UnstableRunException(String.format(Locale.ROOT,
                "policy left its stable range at iteration %d of %s: standard deviations in [%.3g, %.3g], largest"
                        + " |mean| %.3g (stable: std in [%.0e, %.0e], |mean| <= %.0e); raise beta so the objective"
                        + " stays bounded, or set freezeWhenUnstable to record the breakdown",
                iteration, where(config), minStd, maxStd, maxAbsMean, BanditExperiment.MIN_STD,
                BanditExperiment.MAX_STD, BanditExperiment.MAX_STD));
    }

    private static String where(BanditConfig config) {
        return config.method().label() + " on " + config.function() + " (seed " + config.seed() + ")";
    }
}
