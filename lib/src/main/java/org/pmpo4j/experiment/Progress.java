package org.pmpo4j.experiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Reports progress of a long loop. Notebooks and the command line use the same reporter, which logs a line at every
 * tenth of the work and at the end.
 */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String task;
    private final int total;
    private final long startNanos;
    private int done;
    private int lastDecile;

    /** Starts reporting {@code total} units of {@code task}. */
    public Progress(String task, int total) {
        if (total < 0) {
            throw new IllegalArgumentException("progress total must be >= 0, got " + total);
        }
        this.task = task;
        this.total = total;
        this.startNanos = System.nanoTime();
        LOG.info("{}: started, {} runs", task, total);
    }

    /** Records one finished unit; thread-safe. */
    public synchronized void step() {
        done++;
        int decile = total == 0 ? 10 : (10 * done) / total;
        if (decile > lastDecile || done == total) {
            lastDecile = decile;
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            LOG.info(String.format(Locale.ROOT, "%s: %d/%d runs (%d%%), %.1f s", task, done, total,
                    total == 0 ? 100 : (100 * done) / total, seconds));
        }
    }

    /** Seconds since this reporter started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
