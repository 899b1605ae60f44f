package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class StackTracesTest {

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, "Source.java", 1);
    }

    @Test
    void userFramesEndAtLastJShellWrapperFrame() {
        RuntimeException error = new RuntimeException("boom");
        error.setStackTrace(new StackTraceElement[] {
            frame("com.example.Library", "check"),
            frame("REPL.$JShell$12", "helper"),
            frame("REPL.$JShell$13", "do_it$"),
            frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"),
            frame("java.lang.reflect.Method", "invoke"),
            frame("org.pmpo4j.kernel.CellExecutionControl$Outcome", "run"),
        });

        List<StackTraceElement> frames = StackTraces.userFrames(error);

        assertEquals(3, frames.size());
        assertEquals("do_it$", frames.get(2).getMethodName());
    }

    @Test
    void userFramesWithoutWrapperEndAtReflection() {
        RuntimeException error = new RuntimeException("boom");
        error.setStackTrace(new StackTraceElement[] {
            frame("com.example.Library", "check"),
            frame("java.lang.reflect.Method", "invoke"),
            frame("org.pmpo4j.kernel.JavaKernel", "eval"),
        });

        assertEquals(1, StackTraces.userFrames(error).size());
    }

    @Test
    void formatCapsFramesAndPrintsCause() {
        StackTraceElement[] deep = new StackTraceElement[StackTraces.MAX_FRAMES + 5];
        for (int i = 0; i < deep.length; i++) {
            deep[i] = frame("REPL.$JShell$7", "deep");
        }
        IllegalStateException cause = new IllegalStateException("inner");
        cause.setStackTrace(new StackTraceElement[] {frame("REPL.$JShell$7", "inner")});
        RuntimeException error = new RuntimeException("outer", cause);
        error.setStackTrace(deep);

        List<String> lines = StackTraces.format(error);

        // 1 header + MAX_FRAMES frames + 1 "more" line, then 1 cause header + 1 frame.
        assertEquals(StackTraces.MAX_FRAMES + 4, lines.size());
        assertEquals("java.lang.RuntimeException: outer", lines.get(0));
        assertEquals("    ... 5 more frames", lines.get(StackTraces.MAX_FRAMES + 1));
        assertEquals("Caused by: java.lang.IllegalStateException: inner", lines.get(StackTraces.MAX_FRAMES + 2));
    }
}
