package org.pmpo4j.experiment;

/** Thrown when a loss becomes NaN or infinite; the message names the iteration, method and seed. */
public final class NonFiniteLossException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    NonFiniteLossException(BanditConfig config, int iteration, double loss) {
        super("loss became " + loss + " at iteration " + iteration + " of " + config.method().label() + " on "
                + config.function() + " (seed " + config.seed() + "); lower the learning rate or raise beta so the"
                + " objective stays bounded");
    }
}
