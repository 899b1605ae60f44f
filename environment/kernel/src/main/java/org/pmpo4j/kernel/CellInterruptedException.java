package org.pmpo4j.kernel;

/**
 * A cell that ended because Jupyter sent an interrupt request while it ran.
 *
 * <p>The kernel always fails an interrupted cell, even when the cell code catches the
 * interrupt and returns, so that nbclient's {@code interrupt_on_timeout} marks the cell as
 * failed instead of passed. It records no stack trace of its own; the cause, if any, is what
 * the cell threw when it was interrupted.
 */
final class CellInterruptedException extends Exception {
    private static final long serialVersionUID = 1L;

    CellInterruptedException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
