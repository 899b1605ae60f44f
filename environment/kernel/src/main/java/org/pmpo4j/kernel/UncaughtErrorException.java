package org.pmpo4j.kernel;

import java.util.List;

/**
 * Carries a {@link Error} thrown by a cell, such as {@link OutOfMemoryError} or
 * {@link StackOverflowError}, to Jupyter.
 *
 * <p>The base kernel only turns {@link Exception}s into Jupyter errors. An {@code Error}
 * escaping {@code eval} would end the thread that serves the shell channel, so the kernel
 * wraps it here. The message starts with the class name of the original error, and the stack
 * trace is the error's own, cut to the cell's frames.
 */
final class UncaughtErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    UncaughtErrorException(Error error) {
        super(error.toString(), error);
        List<StackTraceElement> frames = StackTraces.userFrames(error);
        setStackTrace(frames.subList(0, Math.min(frames.size(), StackTraces.MAX_FRAMES))
                .toArray(new StackTraceElement[0]));
    }
}
