package org.pmpo4j.kernel;

/**
 * Cell source that JShell could not compile: javac diagnostics, an incomplete statement, or a
 * reference to a declaration that is still missing.
 *
 * <p>Jupyter shows the simple class name as the error name, so a notebook run reports
 * {@code CompilationException} followed by the diagnostics and the offending cell line. It
 * records no stack trace, because the kernel's frames would only hide the diagnostics.
 */
final class CompilationException extends Exception {
    private static final long serialVersionUID = 1L;

    CompilationException(String message) {
        super(message, null, false, false);
    }
}
