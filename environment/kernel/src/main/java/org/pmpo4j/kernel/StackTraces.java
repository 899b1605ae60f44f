package org.pmpo4j.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Formats the stack trace of an exception thrown by cell code, trimmed to the user's frames.
 *
 * <p>A cell runs inside a method of a class that JShell generates in the package {@code REPL}.
 * Frames below the last {@code REPL} frame belong to reflection, JShell and this kernel, so
 * they are cut. Causes are formatted the same way.
 */
final class StackTraces {

    /** Package of the wrapper classes that JShell generates for snippets. */
    static final String JSHELL_WRAPPER_PREFIX = "REPL.";

    /** Frames kept per throwable, so a StackOverflowError prints a screenful, not 1024 frames. */
    static final int MAX_FRAMES = 40;

    /** Causes printed after the top throwable. */
    private static final int MAX_CAUSES = 10;

    private StackTraces() {
    }

    /**
     * Returns the frames of {@code throwable} that belong to cell code and the libraries it
     * called: everything above the kernel's frames. If no JShell wrapper frame is present (the
     * throwable came from the kernel or another thread), all frames up to the first reflective
     * call are kept.
     */
    static List<StackTraceElement> userFrames(Throwable throwable) {
        StackTraceElement[] frames = throwable.getStackTrace();
        int lastWrapper = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(JSHELL_WRAPPER_PREFIX)) {
                lastWrapper = i;
            }
        }
        int end = lastWrapper >= 0 ? lastWrapper + 1 : firstReflectiveFrame(frames);
        return Arrays.asList(frames).subList(0, end);
    }

    /**
     * Formats {@code throwable} as traceback lines: {@code Class: message}, then
     * {@code at frame} lines, then each cause as {@code Caused by: Class: message}.
     */
    static List<String> format(Throwable throwable) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = throwable;
        String prefix = "";
        int causes = 0;
        while (current != null && seen.add(current) && causes <= MAX_CAUSES) {
            lines.add(prefix + current);
            List<StackTraceElement> frames = userFrames(current);
            int shown = Math.min(frames.size(), MAX_FRAMES);
            for (int i = 0; i < shown; i++) {
                lines.add("    at " + frames.get(i));
            }
            if (frames.size() > shown) {
                lines.add("    ... " + (frames.size() - shown) + " more frames");
            }
            current = current.getCause();
            prefix = "Caused by: ";
            causes++;
        }
        return lines;
    }

    private static int firstReflectiveFrame(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            String className = frames[i].getClassName();
            if (className.startsWith("jdk.internal.reflect.")
                    || className.equals("java.lang.reflect.Method")
                    || className.startsWith("org.pmpo4j.kernel.")) {
                return i;
            }
        }
        return frames.length;
    }
}
