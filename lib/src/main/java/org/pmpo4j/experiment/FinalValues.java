package org.pmpo4j.experiment;

import org.pmpo4j.plot.SeedBands;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The last point of each learning curve: mean and standard error over seeds of a column at the largest x, per panel
 * (e.g. function) and group (e.g. method).
 */
public final class FinalValues {

    private final Table table;
    private final String panelColumn;
    private final String groupColumn;

    private FinalValues(Table table, String panelColumn, String groupColumn) {
        this.table = table;
        this.panelColumn = panelColumn;
        this.groupColumn = groupColumn;
    }

    /** Summarises {@code yColumn} at the largest {@code xColumn} value per panel and group. */
    public static FinalValues of(Table results, String panelColumn, String groupColumn, String xColumn,
            String yColumn) {
        StringColumn panels = StringColumn.create(panelColumn);
        StringColumn groups = StringColumn.create(groupColumn);
        DoubleColumn means = DoubleColumn.create("mean");
        DoubleColumn errors = DoubleColumn.create("standard_error");
        IntColumn seeds = IntColumn.create("seeds");
        List<String> order = new ArrayList<>();
        for (int row = 0; row < results.rowCount(); row++) {
            String value = results.column(panelColumn).getString(row);
            if (!order.contains(value)) {
                order.add(value);
            }
        }
        for (String panel : order) {
            Table rows = results.where(results.stringColumn(panelColumn).isEqualTo(panel));
            for (SeedBands band : SeedBands.of(rows, groupColumn, xColumn, yColumn)) {
                panels.append(panel);
                groups.append(band.group());
                means.append(band.finalMean());
                errors.append(band.finalStandardError());
                seeds.append(band.count()[band.count().length - 1]);
            }
        }
        Table table = Table.create("final " + yColumn, panels, groups, means, errors, seeds);
        return new FinalValues(table, panelColumn, groupColumn);
    }

    /** Returns the summary as a table with columns panel, group, mean, standard_error, seeds. */
    public Table table() {
        return table;
    }

    /** Final mean of {@code group} in {@code panel}. */
    public double mean(String panel, String group) {
        for (int row = 0; row < table.rowCount(); row++) {
            if (table.stringColumn(panelColumn).get(row).equals(panel)
                    && table.stringColumn(groupColumn).get(row).equals(group)) {
                return table.doubleColumn("mean").get(row);
            }
        }
        throw new IllegalArgumentException("no final value for " + groupColumn + " '" + group + "' in "
                + panelColumn + " '" + panel + "'; present are " + table.stringColumn(groupColumn).unique().asList());
    }

    /** Final mean ± standard error of {@code group} in {@code panel}, formatted for a report. */
    public String format(String panel, String group) {
        for (int row = 0; row < table.rowCount(); row++) {
            if (table.stringColumn(panelColumn).get(row).equals(panel)
                    && table.stringColumn(groupColumn).get(row).equals(group)) {
                return String.format(Locale.ROOT, "%.3g ± %.2g", table.doubleColumn("mean").get(row),
                        table.doubleColumn("standard_error").get(row));
            }
        }
        throw new IllegalArgumentException("no final value for '" + group + "' in '" + panel + "'");
    }
}
