package org.pmpo4j.lm;

/**
 * Settings of {@link Pretrainer}.
 *
 * @param batchSize sequences per step, at least 1; each sequence is one context length of tokens
 * @param steps total optimizer steps of the run, at least 1
 * @param learningRate Adam learning rate, finite and &gt; 0
 * @param logInterval steps between progress log lines, at least 1
 * @param checkpointInterval steps between checkpoints, at least 1; a checkpoint is also written at the last step
 * @param seed seed of the parameter initialisation and of the data order
 */
public record PretrainConfig(int batchSize, int steps, double learningRate, int logInterval, int checkpointInterval,
        long seed) {

    /** Validates every field. */
    public PretrainConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize + "; use e.g. 16");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learningRate must be finite and > 0, got " + learningRate + "; use e.g. 3e-4");
        }
        if (logInterval < 1) {
            throw new IllegalArgumentException("logInterval must be >= 1, got " + logInterval + "; use e.g. 50");
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be >= 1, got " + checkpointInterval
                    + "; use a value larger than steps to checkpoint only at the end");
        }
    }
}
