package org.pmpo4j.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Renders a Tablesaw {@code Table} as an HTML table, calling Tablesaw by reflection.
 *
 * <p>Only the first rows are written, and a note under the table gives the number of rows
 * shown and the total. Every name and cell value is HTML-escaped.
 */
final class TablesawHtml {

    static final String TABLE_CLASS = "tech.tablesaw.api.Table";
    private static final String COLUMN_CLASS = "tech.tablesaw.columns.Column";

    /** Rows written for a table shown as a cell result or with {@code Display.display}. */
    static final int MAX_ROWS = 50;

    private TablesawHtml() {
    }

    /**
     * Returns an HTML table of the first {@code maxRows} rows of {@code table}.
     *
     * @throws IllegalArgumentException if {@code maxRows} is negative
     */
    static String render(Object table, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows
                    + "; pass 0 to show only the header");
        }
        try {
            return renderReflectively(table, maxRows);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Tablesaw failed while reading the table: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Tablesaw API (Table.rowCount, columnNames, column, "
                    + "Column.getString) was not found on " + table.getClass().getName()
                    + "; use tablesaw-core 0.44.x", e);
        }
    }

    private static String renderReflectively(Object table, int maxRows) throws ReflectiveOperationException {
        ClassLoader loader = table.getClass().getClassLoader();
        Class<?> tableType = Class.forName(TABLE_CLASS, false, loader);
        Class<?> columnType = Class.forName(COLUMN_CLASS, false, loader);
        Method getString = columnType.getMethod("getString", int.class);
        Method column = tableType.getMethod("column", int.class);

        String name = (String) tableType.getMethod("name").invoke(table);
        int rowCount = (Integer) tableType.getMethod("rowCount").invoke(table);
        List<?> columnNames = (List<?>) tableType.getMethod("columnNames").invoke(table);
        int shownRows = Math.min(rowCount, maxRows);

        StringBuilder html = new StringBuilder();
        html.append("<table>\n");
        if (name != null && !name.isBlank()) {
            html.append("<caption>").append(escape(name)).append("</caption>\n");
        }
        html.append("<thead><tr>");
        for (Object columnName : columnNames) {
            html.append("<th>").append(escape(String.valueOf(columnName))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");

        Object[] columns = new Object[columnNames.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = column.invoke(table, c);
        }
        for (int row = 0; row < shownRows; row++) {
            html.append("<tr>");
            for (Object col : columns) {
                html.append("<td>").append(escape((String) getString.invoke(col, row))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        html.append("<p>").append(rowNote(shownRows, rowCount)).append("</p>\n");
        return html.toString();
    }

    /** Returns "showing n of m rows" for a cut table and "m rows" for a complete one. */
    static String rowNote(int shownRows, int rowCount) {
        String unit = rowCount == 1 ? " row" : " rows";
        return shownRows < rowCount ? "showing " + shownRows + " of " + rowCount + unit : rowCount + unit;
    }

    /** Escapes the five characters that are special in HTML text and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
