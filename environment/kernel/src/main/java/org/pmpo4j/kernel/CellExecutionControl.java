package org.pmpo4j.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Runs JShell snippets inside the kernel's JVM, each on a fresh thread, and hands the kernel
 * the real result objects instead of their strings.
 *
 * <p>JShell calls {@link #invoke(Method)} on the kernel's shell thread. The snippet runs on
 * a new daemon thread while the shell thread waits, so an interrupt can stop the snippet
 * without touching JShell's own state. The result object is stored under a unique key, and
 * that key becomes the snippet's value string, which the kernel swaps back with
 * {@link #takeResult(String)}. A throwable from cell code is kept for {@link #takeThrown()},
 * so the kernel can report the real exception rather than JShell's copy of its message.
 *
 * <p>Interrupts: {@link #requestInterrupt()} interrupts the snippet thread, which ends
 * blocking calls such as {@code Thread.sleep}. A thread still running
 * {@value #STOP_DELAY_MILLIS} ms later, such as a busy loop, is ended with
 * {@link Thread#stop()}. That method is deprecated because the stopped thread releases its
 * locks at an arbitrary point, which can leave shared objects half updated. The kernel uses
 * it anyway because nothing else ends a CPU-bound loop in the same JVM, and a cell that
 * cannot be interrupted would leave a notebook run hanging until it is killed.
 */
final class CellExecutionControl extends DirectExecutionControl {

    /** How long an interrupted snippet may keep running before it is stopped. */
    static final long STOP_DELAY_MILLIS = 1_000;

    /** How long to wait for a stopped thread to end before abandoning it. */
    static final long ABANDON_DELAY_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(CellExecutionControl.class.getName());
    private static final String RESULT_KEY_PREFIX = "\u0000pmpo4j-result-";
    private static final long POLL_MILLIS = 50;

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong invocationCount = new AtomicLong();

    private volatile boolean cellActive;
    private volatile boolean interruptRequested;
    private volatile Thread snippetThread;
    private volatile boolean snippetStopped;
    private volatile boolean snippetAbandoned;
    private Throwable lastThrown;

    /** Returns a provider that JShell's builder uses to create this control. */
    static ExecutionControlProvider provider(CellExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "pmpo4j-in-process";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }

    /** Marks the start of a cell: interrupt requests from now on apply to it. */
    void beginCell() {
        interruptRequested = false;
        snippetStopped = false;
        snippetAbandoned = false;
        cellActive = true;
    }

    /** Marks the end of a cell and drops result objects that the kernel did not take. */
    void endCell() {
        cellActive = false;
        results.clear();
        lastThrown = null;
    }

    /** Returns whether an interrupt request arrived while the current cell ran. */
    boolean interruptRequested() {
        return interruptRequested;
    }

    /** Returns whether a snippet of the current cell was ended with {@link Thread#stop()}. */
    boolean snippetStopped() {
        return snippetStopped;
    }

    /** Returns whether a snippet thread could not be stopped and had to be left running. */
    boolean snippetAbandoned() {
        return snippetAbandoned;
    }

    /**
     * Interrupts the running snippet, if a cell is running. Called on the control channel's
     * thread; returns at once, and the shell thread stops the snippet later if needed.
     *
     * @return whether a cell was running
     */
    boolean requestInterrupt() {
        if (!cellActive) {
            return false;
        }
        interruptRequested = true;
        Thread thread = snippetThread;
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    /**
     * Returns the object stored under {@code valueString} and removes it from the store. A
     * string that is no result key, because JShell computed it without calling
     * {@link #invoke(Method)}, is returned as is.
     */
    Object takeResult(String valueString) {
        if (valueString == null || !valueString.startsWith(RESULT_KEY_PREFIX)) {
            return valueString;
        }
        return results.remove(valueString);
    }

    /** Returns the throwable that the last snippet threw, and clears it. */
    Throwable takeThrown() {
        Throwable thrown = lastThrown;
        lastThrown = null;
        return thrown;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (interruptRequested) {
            throw new StoppedException();
        }

        long id = invocationCount.incrementAndGet();
        Outcome outcome = runOnSnippetThread(doitMethod, id);
        if (outcome == null) {
            // Stopped or abandoned: the kernel reports the interrupt, JShell records nothing.
            throw new StoppedException();
        }
        if (outcome.thrown != null) {
            if (!(outcome.thrown instanceof SPIResolutionException)) {
                lastThrown = outcome.thrown;
            }
            throw new InvocationTargetException(outcome.thrown);
        }

        String key = RESULT_KEY_PREFIX + id;
        if (outcome.value != null) {
            results.put(key, outcome.value);
        }
        return key;
    }

    /** Returns the outcome, or null if the thread was stopped or abandoned after an interrupt. */
    private Outcome runOnSnippetThread(Method doitMethod, long id) throws InterruptedException {
        Outcome outcome = new Outcome();
        Thread thread = new Thread(() -> outcome.run(doitMethod), "pmpo4j-snippet-" + id);
        thread.setDaemon(true);
        // DJL and other libraries find their service providers through this loader.
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        thread.setUncaughtExceptionHandler(CellExecutionControl::ignoreThreadDeath);

        snippetThread = thread;
        try {
            thread.start();
            return awaitSnippet(thread) ? outcome : null;
        } finally {
            snippetThread = null;
        }
    }

    /**
     * Waits for {@code thread} to end. After an interrupt request it stops the thread once
     * {@link #STOP_DELAY_MILLIS} have passed, and gives up on it
     * {@link #ABANDON_DELAY_MILLIS} after that.
     *
     * @return true if the thread ended on its own, false if it was stopped or abandoned
     */
    private boolean awaitSnippet(Thread thread) throws InterruptedException {
        long interruptSeenAt = 0;
        long stoppedAt = 0;
        while (true) {
            thread.join(POLL_MILLIS);
            if (!thread.isAlive()) {
                return stoppedAt == 0;
            }
            if (!interruptRequested) {
                continue;
            }

            long now = System.nanoTime();
            if (interruptSeenAt == 0) {
                interruptSeenAt = now;
                thread.interrupt();
            } else if (stoppedAt == 0 && now - interruptSeenAt >= millisToNanos(STOP_DELAY_MILLIS)) {
                stoppedAt = now;
                snippetStopped = true;
                if (!stop(thread)) {
                    abandon(thread, "Thread.stop() is not supported by this JVM");
                    return false;
                }
            } else if (stoppedAt != 0 && now - stoppedAt >= millisToNanos(ABANDON_DELAY_MILLIS)) {
                abandon(thread, "it ignored Thread.stop() for " + ABANDON_DELAY_MILLIS + " ms");
                return false;
            }
        }
    }

    /**
     * Stops {@code thread} with the deprecated {@link Thread#stop()}; see the class comment for
     * why. Returns false on JVMs where the method only throws.
     *
     * <p>NOTE: from JDK 20 on, Thread.stop() throws UnsupportedOperationException, so there a
     * busy loop is abandoned, not stopped: the cell fails but the loop keeps a core busy until
     * the kernel restarts. The kernelspec that environment/setup writes uses the default java,
     * which is JDK 17 on the project's machines.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(Thread thread) {
        LOG.info(() -> thread.getName() + " did not end within " + STOP_DELAY_MILLIS
                + " ms of the interrupt; stopping it with Thread.stop()");
        try {
            thread.stop();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private void abandon(Thread thread, String reason) {
        snippetAbandoned = true;
        LOG.warning(() -> "leaving " + thread.getName() + " running because " + reason
                + "; restart the kernel to end it");
    }

    private static long millisToNanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @SuppressWarnings("removal")
    private static void ignoreThreadDeath(Thread thread, Throwable throwable) {
        // ThreadDeath is the expected end of a stopped snippet thread. Anything else is a bug
        // in this class, because Outcome.run catches every throwable of the snippet itself.
        if (!(throwable instanceof ThreadDeath)) {
            LOG.log(Level.WARNING, "uncaught throwable on " + thread.getName(), throwable);
        }
    }

    /** Value or throwable of one snippet, written by the snippet thread before it ends. */
    private static final class Outcome {
        private Object value;
        private Throwable thrown;

        private void run(Method doitMethod) {
            try {
                value = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            } catch (Throwable t) {
                thrown = t;
            }
        }
    }
}
