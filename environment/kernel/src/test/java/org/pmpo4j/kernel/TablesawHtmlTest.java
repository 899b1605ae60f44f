package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesawHtmlTest {

    private static Table sample() {
        return Table.create("scores <v2>",
                StringColumn.create("policy", "pmpo", "dpo & co", "<script>"),
                DoubleColumn.create("win rate", 0.75, 0.5, 0.25));
    }

    @Test
    void renderEscapesNamesAndValues() {
        String html = TablesawHtml.render(sample(), 10);

        assertTrue(html.contains("<caption>scores &lt;v2&gt;</caption>"), html);
        assertTrue(html.contains("<th>win rate</th>"), html);
        assertTrue(html.contains("<td>dpo &amp; co</td>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;</td>"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<p>3 rows</p>"), html);
    }

    @Test
    void renderCapsRowsAndSaysHowMany() {
        String html = TablesawHtml.render(sample(), 2);

        // Two data rows plus the header row.
        assertEquals(3, html.split("<tr>", -1).length - 1);
        assertTrue(html.contains("<p>showing 2 of 3 rows</p>"), html);
        assertFalse(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void rowNoteUsesSingularForOneRow() {
        assertEquals("1 row", TablesawHtml.rowNote(1, 1));
        assertEquals("showing 0 of 1 row", TablesawHtml.rowNote(0, 1));
    }

    @Test
    void negativeRowCapIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TablesawHtml.render(sample(), -1));
        assertEquals("maxRows must be >= 0, got -1; pass 0 to show only the header", error.getMessage());
    }

    @Test
    void escapeHandlesAllFiveSpecialCharacters() {
        assertEquals("&amp;&lt;&gt;&quot;&#39;x", TablesawHtml.escape("&<>\"'x"));
        assertEquals("", TablesawHtml.escape(null));
    }
}
