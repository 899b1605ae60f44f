package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the kernel in-process, without Jupyter; KernelIT covers the Jupyter protocol. */
class JavaKernelTest {

    private static JavaKernel kernel;

    @BeforeAll
    static void startKernel() {
        kernel = new JavaKernel(List.of());
    }

    @AfterAll
    static void stopKernel() {
        kernel.onShutdown(false);
    }

    private static Object text(DisplayData data) {
        return data.getData(MIMEType.TEXT_PLAIN);
    }

    /** Calls {@link JavaKernel#interrupt()} from another thread after {@code millis}. */
    private static Thread interruptAfter(long millis) {
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            kernel.interrupt();
        });
        interrupter.start();
        return interrupter;
    }

    @Test
    void evalReturnsLastExpressionValue() throws Exception {
        assertEquals("42", text(kernel.eval("int half = 21;\nhalf * 2")));
    }

    @Test
    void evalKeepsStateAcrossCells() throws Exception {
        kernel.eval("String greeting = \"hello\";");
        assertEquals("hello world", text(kernel.eval("greeting + \" world\"")));
    }

    @Test
    void statementCellHasNoResult() throws Exception {
        assertNull(kernel.eval("int unused = 3;"));
        assertNull(kernel.eval("Object nothing = null;\nnothing"));
    }

    @Test
    void defaultImportsAreAvailable() throws Exception {
        String cell = "new ArrayList<>(List.of(1, 2)).stream().map(i -> i * 10).collect(Collectors.toList())";
        assertEquals("[10, 20]", text(kernel.eval(cell)));
    }

    @Test
    void compileErrorNamesCellLine() {
        CompilationException error = assertThrows(CompilationException.class,
                () -> kernel.eval("int fine = 1;\nint broken = undefinedName + 1;"));
        assertTrue(error.getMessage().startsWith("line 2: cannot find symbol"), error.getMessage());
        assertTrue(error.getMessage().contains("undefinedName"), error.getMessage());
    }

    @Test
    void exceptionKeepsClassMessageAndUserFrames() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> kernel.eval("void fail() { throw new IllegalStateException(\"bad state\"); }\nfail();"));
        assertEquals("bad state", error.getMessage());
        for (StackTraceElement frame : error.getStackTrace()) {
            assertTrue(frame.getClassName().startsWith(StackTraces.JSHELL_WRAPPER_PREFIX), frame.toString());
        }
    }

    @Test
    void stackOverflowIsReportedAndKernelGoesOn() throws Exception {
        UncaughtErrorException error = assertThrows(UncaughtErrorException.class,
                () -> kernel.eval("int deep(int n) { return deep(n + 1) + 1; }\ndeep(0)"));
        assertInstanceOf(StackOverflowError.class, error.getCause());
        assertTrue(error.getMessage().startsWith("java.lang.StackOverflowError"), error.getMessage());

        assertEquals("2", text(kernel.eval("1 + 1")));
    }

    @Test
    void missingDeclarationIsCompilationError() throws Exception {
        kernel.eval("void callsMissing() { notYetDeclared(); }");
        CompilationException error = assertThrows(CompilationException.class, () -> kernel.eval("callsMissing();"));
        assertTrue(error.getMessage().startsWith("method callsMissing cannot be invoked until"), error.getMessage());
    }

    @Test
    void interruptEndsSleepingCell() throws Exception {
        Thread interrupter = interruptAfter(300);
        CellInterruptedException error = assertThrows(CellInterruptedException.class,
                () -> kernel.eval("Thread.sleep(60_000);"));
        interrupter.join();

        assertInstanceOf(InterruptedException.class, error.getCause());
        assertEquals("3", text(kernel.eval("1 + 2")));
    }

    @Test
    void interruptStopsBusyLoop() throws Exception {
        long start = System.nanoTime();
        Thread interrupter = interruptAfter(300);
        CellInterruptedException error = assertThrows(CellInterruptedException.class,
                () -> kernel.eval("long spins = 0;\nwhile (true) { spins++; }"));
        interrupter.join();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertTrue(error.getMessage().contains("stopped with Thread.stop()"), error.getMessage());
        // 0.3 s until the interrupt plus the 1 s stop delay; 5 s leaves room for a slow machine.
        assertTrue(seconds < 5, "interrupt took " + seconds + " s");
        assertEquals("true", text(kernel.eval("spins > 0")));
    }

    @Test
    void interruptWithoutRunningCellIsIgnored() throws Exception {
        kernel.interrupt();
        assertEquals("7", text(kernel.eval("3 + 4")));
    }
}
