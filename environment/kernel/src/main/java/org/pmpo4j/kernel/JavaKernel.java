package org.pmpo4j.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A Jupyter kernel that evaluates Java cells with JShell inside its own JVM.
 *
 * <p>Cells see the classes on the classpath given at start and share state: a variable,
 * method or class declared in one cell is visible in later cells. Each cell is split into
 * snippets (see {@link CellSplitter}) that run in order; the value of a final expression
 * snippet becomes the cell's result, rendered by {@link ValueRenderer}.
 *
 * <p>Failures become Jupyter errors whose name is the simple class name:
 * {@link CompilationException} for code that does not compile, the cell's own exception
 * class (such as {@code IllegalStateException}) for a thrown exception,
 * {@link UncaughtErrorException} for an {@link Error}, and {@link CellInterruptedException}
 * for an interrupted cell. The kernel keeps serving after each of them.
 *
 * <p>NOTE: cells share the kernel's JVM and heap. An OutOfMemoryError is survived when the
 * cell's allocations become garbage afterwards, but a cell that keeps the heap full in a
 * variable leaves later cells, and the kernel's own threads, short of memory.
 */
public final class JavaKernel extends BaseKernel {

    /** Imports evaluated at start, so cells need not repeat them. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*",
            "java.math.*",
            "java.nio.file.*",
            "java.time.*",
            "java.util.*",
            "java.util.concurrent.*",
            "java.util.function.*",
            "java.util.stream.*",
            "static org.pmpo4j.kernel.Display.*");

    private static final Logger LOG = Logger.getLogger(JavaKernel.class.getName());

    /** Marks a snippet without a value, as opposed to an expression whose value is null. */
    private static final Object NO_VALUE = new Object();

    private final CellExecutionControl control = new CellExecutionControl();
    private final JShell shell;
    private final LanguageInfo languageInfo;

    /**
     * Starts JShell with the kernel's own classes and {@code classpath} visible to cells, and
     * evaluates {@link #DEFAULT_IMPORTS}.
     *
     * @param classpath jar files and class folders of the notebook's libraries
     * @throws IllegalStateException if a default import fails to compile
     */
    public JavaKernel(List<Path> classpath) {
        this.shell = JShell.builder()
                .executionEngine(CellExecutionControl.provider(control), Map.of())
                .build();
        shell.addToClasspath(ownLocation().toString());
        for (Path entry : classpath) {
            shell.addToClasspath(entry.toString());
        }
        for (String name : DEFAULT_IMPORTS) {
            List<SnippetEvent> events = shell.eval("import " + name + ";");
            if (events.stream().anyMatch(event -> event.status() == Snippet.Status.REJECTED)) {
                throw new IllegalStateException("default import " + name + " does not compile; "
                        + "check that the kernel jar is readable");
            }
        }

        String javaVersion = Runtime.version().toString();
        this.languageInfo = new LanguageInfo("java", javaVersion, "text/x-java-source", ".jshell",
                "java", "text/x-java", "script");
        Display.attach(this::display);
    }

    /** Returns the jar or class folder that this class was loaded from. */
    static Path ownLocation() {
        try {
            return Path.of(JavaKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the kernel's own code location is not a file path", e);
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "pmpo4j Java kernel: JShell on Java " + Runtime.version();
    }

    /**
     * Evaluates one cell and returns its result, or null when the cell ends in a statement,
     * a declaration, or an expression whose value is null.
     */
    @Override
    public DisplayData eval(String code) throws Exception {
        control.beginCell();
        try {
            return evalCell(code);
        } catch (Exception | Error e) {
            throw cellFailure(e);
        } finally {
            control.endCell();
        }
    }

    private DisplayData evalCell(String code) throws Exception {
        List<CellSplitter.Snippet> snippets = CellSplitter.split(shell.sourceCodeAnalysis(), code);
        Object value = NO_VALUE;
        for (CellSplitter.Snippet snippet : snippets) {
            if (control.interruptRequested()) {
                break;
            }
            value = evalSnippet(snippet, code);
        }
        if (control.interruptRequested()) {
            throw interrupted(null);
        }
        return value == NO_VALUE || value == null ? null : ValueRenderer.render(value);
    }

    /** Evaluates one snippet and returns its value, or {@link #NO_VALUE} if it is no expression. */
    private Object evalSnippet(CellSplitter.Snippet snippet, String cell) throws Exception {
        Object value = NO_VALUE;
        for (SnippetEvent event : shell.eval(snippet.source())) {
            if (event.causeSnippet() != null) {
                continue; // an update of a dependent snippet, not the evaluation itself
            }
            if (event.exception() != null) {
                throw cellException(event.exception());
            }
            if (event.status() == Snippet.Status.REJECTED) {
                List<jdk.jshell.Diag> diagnostics = shell.diagnostics(event.snippet()).collect(Collectors.toList());
                throw new CompilationException(DiagnosticFormatter.format(diagnostics, snippet, cell));
            }
            boolean recoverable = event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED;
            if (recoverable && event.snippet() instanceof DeclarationSnippet declaration) {
                warnUnresolved(declaration);
            }
            if (isExpression(event.snippet())) {
                value = control.takeResult(event.value());
            }
        }
        return value;
    }

    private static boolean isExpression(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    /** Converts JShell's report of a failed snippet into the exception that the cell threw. */
    private Exception cellException(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            return new CompilationException(describe(snippet) + " cannot be invoked until "
                    + unresolvedNames(snippet) + " is declared");
        }
        if (exception instanceof EvalException) {
            Throwable thrown = control.takeThrown();
            if (thrown instanceof Exception cellException) {
                // The execute reply carries these frames, so drop the kernel's frames below the cell.
                cellException.setStackTrace(StackTraces.userFrames(cellException).toArray(new StackTraceElement[0]));
                return cellException;
            }
            if (thrown instanceof Error error) {
                return new UncaughtErrorException(error);
            }
        }
        return exception;
    }

    private Exception cellFailure(Throwable failure) {
        if (failure instanceof CellInterruptedException interrupted) {
            return interrupted;
        }
        if (control.interruptRequested()) {
            return interrupted(failure);
        }
        if (failure instanceof Error error) {
            return new UncaughtErrorException(error);
        }
        return (Exception) failure;
    }

    private CellInterruptedException interrupted(Throwable cause) {
        String message = "the cell was interrupted";
        if (control.snippetAbandoned()) {
            message += "; its thread could not be stopped and still runs, so restart the kernel";
        } else if (control.snippetStopped()) {
            message += "; it kept running for " + CellExecutionControl.STOP_DELAY_MILLIS
                    + " ms after the interrupt, so its thread was stopped with Thread.stop()";
        } else if (cause != null) {
            message += " and threw " + cause;
        }
        return new CellInterruptedException(message, cause);
    }

    /** Prints to the cell's stderr that a declaration waits for a missing name. */
    private void warnUnresolved(DeclarationSnippet declaration) {
        System.err.println("note: " + describe(declaration) + " is declared, but it cannot be used until "
                + unresolvedNames(declaration) + " is declared");
    }

    private String unresolvedNames(DeclarationSnippet snippet) {
        return shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
    }

    private static String describe(DeclarationSnippet snippet) {
        String kind = switch (snippet.kind()) {
            case METHOD -> "method";
            case VAR -> "variable";
            case TYPE_DECL -> "type";
            default -> snippet.kind().toString().toLowerCase(Locale.ROOT);
        };
        return kind + " " + snippet.name();
    }

    /**
     * Formats the traceback: the plain message for compilation errors, and the class, message
     * and user frames for exceptions thrown by the cell.
     */
    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CompilationException) {
            return List.of(e.getMessage().split("\n", -1));
        }
        if (e instanceof UncaughtErrorException && e.getCause() != null) {
            return StackTraces.format(e.getCause());
        }
        if (e instanceof CellInterruptedException) {
            List<String> lines = new ArrayList<>();
            lines.add(e.getMessage());
            if (e.getCause() != null) {
                lines.addAll(StackTraces.format(e.getCause()));
            }
            return lines;
        }
        return StackTraces.format(e);
    }

    /** Suggests completions from the snippet around {@code at} in the cell {@code code}. */
    @Override
    public ReplacementOptions complete(String code, int at) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int start = 0;
        while (start < at) {
            CompletionInfo info = analysis.analyzeCompletion(code.substring(start));
            int consumed = code.length() - start - info.remaining().length();
            if (!info.completeness().isComplete() || consumed <= 0 || start + consumed >= at) {
                break;
            }
            start += consumed;
        }
        int[] anchor = new int[1];
        List<String> options = analysis.completionSuggestions(code.substring(start, at), at - start, anchor)
                .stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return options.isEmpty() ? null : new ReplacementOptions(options, start + anchor[0], at);
    }

    /** Stops the running cell, if any; called when Jupyter sends an interrupt request. */
    @Override
    public void interrupt() {
        if (control.requestInterrupt()) {
            LOG.info("interrupt requested; interrupting the running cell");
        }
    }

    /** Stops the running cell and closes JShell; the process exits after the connection closes. */
    @Override
    public void onShutdown(boolean isRestarting) {
        LOG.info(() -> "shutdown requested" + (isRestarting ? " for a restart" : ""));
        control.requestInterrupt();
        shell.close();
    }
}
