package org.pmpo4j.kernel;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jdk.jshell.Diag;

/**
 * Formats javac diagnostics of a rejected snippet as cell-relative error text.
 *
 * <p>Each error reads {@code line N: message}, followed by the offending cell line and a caret
 * line under the reported span, like javac's own output.
 */
final class DiagnosticFormatter {

    private DiagnosticFormatter() {
    }

    /** Returns the 1-based line number of {@code index} in {@code text}. */
    static int lineNumber(String text, int index) {
        int line = 1;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Formats the errors among {@code diagnostics}, whose positions are relative to
     * {@code snippet}, against the full cell source. Warnings are left out.
     */
    static String format(List<Diag> diagnostics, CellSplitter.Snippet snippet, String cell) {
        String text = diagnostics.stream()
                .filter(Diag::isError)
                .map(diag -> formatOne(diag, snippet, cell))
                .collect(Collectors.joining("\n"));
        return text.isEmpty() ? "JShell rejected the snippet without a diagnostic" : text;
    }

    private static String formatOne(Diag diag, CellSplitter.Snippet snippet, String cell) {
        StringBuilder out = new StringBuilder();
        out.append("line ");
        if (diag.getPosition() == Diag.NOPOS) {
            out.append(lineNumber(cell, snippet.offset())).append(": ").append(message(diag));
            return out.toString();
        }

        int start = cellIndex(diag.getStartPosition(), snippet, cell);
        int end = Math.max(start + 1, cellIndex(diag.getEndPosition(), snippet, cell));
        int lineStart = cell.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = cell.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        String line = cell.substring(lineStart, lineEnd);

        out.append(lineNumber(cell, start)).append(": ").append(message(diag)).append('\n');
        out.append("    ").append(line).append('\n');
        out.append("    ").append(" ".repeat(start - lineStart));
        out.append("^".repeat(Math.max(1, Math.min(end, lineEnd) - start)));
        return out.toString();
    }

    /** Maps a snippet position to a cell index; a position past the cell falls on its end. */
    private static int cellIndex(long snippetPosition, CellSplitter.Snippet snippet, String cell) {
        long index = snippet.offset() + Math.max(0, snippetPosition);
        return (int) Math.min(index, Math.max(0, cell.length() - 1));
    }

    /** Drops javac's empty "location: class" line, which names JShell's hidden wrapper class. */
    private static String message(Diag diag) {
        return diag.getMessage(Locale.ROOT).lines()
                .filter(line -> !line.strip().equals("location: class"))
                .collect(Collectors.joining("\n"));
    }
}
