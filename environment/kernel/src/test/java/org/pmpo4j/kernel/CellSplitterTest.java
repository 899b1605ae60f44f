package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellSplitterTest {

    private static JShell shell;

    @BeforeAll
    static void startShell() {
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void closeShell() {
        shell.close();
    }

    @Test
    void splitKeepsOffsetsOfEachSnippet() throws Exception {
        String cell = "int a = 1;\n// note\nint b = 2;\na + b";

        List<CellSplitter.Snippet> snippets = CellSplitter.split(shell.sourceCodeAnalysis(), cell);

        assertEquals(3, snippets.size());
        // "int a = 1;" is 10 characters, so the second snippet starts at index 10 with the
        // line break and comment that precede "int b = 2;".
        assertEquals(0, snippets.get(0).offset());
        assertEquals(10, snippets.get(1).offset());
        assertTrue(snippets.get(1).source().contains("int b = 2;"));
        // The second snippet covers "\n// note\nint b = 2;" (19 characters): 10 + 19 = 29.
        assertEquals(29, snippets.get(2).offset());
        assertTrue(snippets.get(2).source().strip().startsWith("a + b"));
    }

    @Test
    void splitOfBlankCellIsEmpty() throws Exception {
        assertEquals(List.of(), CellSplitter.split(shell.sourceCodeAnalysis(), "  \n\t\n"));
    }

    @Test
    void splitOfCommentOnlyCellIsEmpty() throws Exception {
        assertEquals(List.of(), CellSplitter.split(shell.sourceCodeAnalysis(), "// nothing to run\n"));
    }

    @Test
    void unclosedBraceIsIncompleteSource() {
        String cell = "int a = 1;\nfor (int i = 0; i < 3; i++) {\n  a++;";

        CompilationException error = assertThrows(CompilationException.class,
                () -> CellSplitter.split(shell.sourceCodeAnalysis(), cell));

        // The unfinished "for" statement starts on line 2.
        assertTrue(error.getMessage().startsWith("incomplete source at line 2"), error.getMessage());
        assertTrue(error.getMessage().contains("close every brace"), error.getMessage());
    }
}
