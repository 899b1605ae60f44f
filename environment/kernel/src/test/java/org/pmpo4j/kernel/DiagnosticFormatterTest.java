package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

class DiagnosticFormatterTest {

    @Test
    void lineNumberCountsLineBreaksBeforeIndex() {
        String text = "a\nbc\nd";
        assertEquals(1, DiagnosticFormatter.lineNumber(text, 0));
        // Index 2 is 'b', after one line break.
        assertEquals(2, DiagnosticFormatter.lineNumber(text, 2));
        // Index 5 is 'd', after two line breaks.
        assertEquals(3, DiagnosticFormatter.lineNumber(text, 5));
    }

    @Test
    void formatPointsAtUndefinedNameInCellLine() throws Exception {
        String cell = "int a = 1;\nint b = a + missingName;";
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            List<CellSplitter.Snippet> snippets = CellSplitter.split(shell.sourceCodeAnalysis(), cell);
            shell.eval(snippets.get(0).source());
            List<SnippetEvent> events = shell.eval(snippets.get(1).source());
            Snippet rejected = events.get(0).snippet();
            assertEquals(Snippet.Status.REJECTED, events.get(0).status());
            List<Diag> diagnostics = shell.diagnostics(rejected).collect(Collectors.toList());

            String text = DiagnosticFormatter.format(diagnostics, snippets.get(1), cell);

            String[] lines = text.split("\n");
            assertEquals("line 2: cannot find symbol", lines[0]);
            assertTrue(text.contains("    int b = a + missingName;"), text);
            // "int b = a + " is 12 characters, so the caret line has 4 + 12 spaces and one
            // caret per character of "missingName" (11).
            assertTrue(text.contains("\n" + " ".repeat(16) + "^".repeat(11)), text);
            assertFalse(text.contains("location: class"), text);
        }
    }
}
