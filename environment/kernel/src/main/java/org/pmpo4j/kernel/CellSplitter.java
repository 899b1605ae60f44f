package org.pmpo4j.kernel;

import java.util.ArrayList;
import java.util.List;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Splits the source of a cell into the snippets that {@code JShell.eval} accepts one at a time.
 *
 * <p>JShell ends a snippet only at a semicolon or a closing brace, not at a line break, so
 * {@code int a = 1\nint b = 2} is one erroneous snippet, as in the {@code jshell} tool.
 */
final class CellSplitter {

    /**
     * One snippet of a cell.
     *
     * @param source the snippet as JShell should evaluate it; a semicolon may have been appended
     * @param offset index in the cell source of the snippet's first character
     */
    record Snippet(String source, int offset) {
    }

    private CellSplitter() {
    }

    /**
     * Splits {@code cell} into snippets in source order. Leading comments and blank lines stay
     * in the snippet that follows them, so diagnostic positions map back to cell lines by
     * adding {@link Snippet#offset()}.
     *
     * @throws CompilationException if the cell ends in an unfinished statement, such as an
     *     unclosed brace or string literal
     */
    static List<Snippet> split(SourceCodeAnalysis analysis, String cell) throws CompilationException {
        List<Snippet> snippets = new ArrayList<>();
        String remaining = cell;
        int offset = 0;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            if (!completeness.isComplete()) {
                int line = DiagnosticFormatter.lineNumber(cell, offset + firstNonBlank(remaining));
                throw new CompilationException("incomplete source at line " + line
                        + ": the cell ends inside a statement (" + completeness
                        + "); close every brace, parenthesis and string literal");
            }
            snippets.add(new Snippet(info.source(), offset));
            offset += remaining.length() - info.remaining().length();
            remaining = info.remaining();
        }
        return snippets;
    }

    private static int firstNonBlank(String text) {
        int index = 0;
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }
}
