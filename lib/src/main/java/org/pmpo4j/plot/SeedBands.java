package org.pmpo4j.plot;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mean and standard error over seeds of one result column, per x value, for each group (e.g. method) of a table.
 *
 * @param group the group's value, e.g. {@code PMPO-AR}
 * @param x x values in increasing order
 * @param mean mean over seeds at each x
 * @param standardError s/√n at each x, where s is the sample standard deviation over seeds (0 for one seed)
 * @param count number of seeds with a value at each x
 */
public record SeedBands(String group, double[] x, double[] mean, double[] standardError, int[] count) {

    /**
     * Groups {@code table} by {@code groupColumn} (in order of first appearance) and summarises {@code yColumn} at
     * each value of {@code xColumn}. Missing y values are skipped.
     */
    public static List<SeedBands> of(Table table, String groupColumn, String xColumn, String yColumn) {
        for (String column : List.of(groupColumn, xColumn, yColumn)) {
            if (!table.columnNames().contains(column)) {
                throw new IllegalArgumentException("table " + table.name() + " has no column '" + column
                        + "'; its columns are " + table.columnNames());
            }
        }
        if (!(table.column(xColumn) instanceof NumericColumn<?>) || !(table.column(yColumn) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("columns '" + xColumn + "' and '" + yColumn + "' must be numeric");
        }
        Map<String, TreeMap<Double, List<Double>>> byGroup = new LinkedHashMap<>();
        for (Row row : table) {
            if (row.isMissing(yColumn) || row.isMissing(xColumn)) {
                continue;
            }
            String group = row.getObject(groupColumn).toString();
            double x = row.getNumber(xColumn);
            double y = row.getNumber(yColumn);
            byGroup.computeIfAbsent(group, key -> new TreeMap<>()).computeIfAbsent(x, key -> new ArrayList<>()).add(y);
        }
        List<SeedBands> bands = new ArrayList<>();
        byGroup.forEach((group, values) -> bands.add(summarise(group, values)));
        return bands;
    }

    private static SeedBands summarise(String group, TreeMap<Double, List<Double>> values) {
        int n = values.size();
        double[] x = new double[n];
        double[] mean = new double[n];
        double[] standardError = new double[n];
        int[] count = new int[n];
        int i = 0;
        for (Map.Entry<Double, List<Double>> entry : values.entrySet()) {
            List<Double> ys = entry.getValue();
            double sum = 0.0;
            for (double y : ys) {
                sum += y;
            }
            double average = sum / ys.size();
            double squares = 0.0;
            for (double y : ys) {
                squares += (y - average) * (y - average);
            }
            x[i] = entry.getKey();
            mean[i] = average;
            standardError[i] = ys.size() > 1 ? Math.sqrt(squares / (ys.size() - 1)) / Math.sqrt(ys.size()) : 0.0;
            count[i] = ys.size();
            i++;
        }
        return new SeedBands(group, x, mean, standardError, count);
    }

    /** Returns the last mean, that is, the mean over seeds at the largest x. */
    public double finalMean() {
        return mean[mean.length - 1];
    }

    /** Returns the last standard error. */
    public double finalStandardError() {
        return standardError[standardError.length - 1];
    }
}
