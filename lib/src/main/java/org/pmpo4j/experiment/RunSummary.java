package org.pmpo4j.experiment;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row per function and method of a bandit result table: how many seeds ran, how many broke down (column
 * {@code unstable} at the last iteration), and the regret at the start and at the end, as mean and standard error
 * over seeds. Rows keep the order in which function and method first appear.
 */
public final class RunSummary {

    private final Table table;

    private RunSummary(Table table) {
        this.table = table;
    }

    /** Summarises a table written by {@link BanditExperiment} or {@link BanditSweep}. */
    public static RunSummary of(Table results) {
        for (String column : List.of("function", "method", "seed", "iteration", "regret", "unstable")) {
            if (!results.columnNames().contains(column)) {
                throw new IllegalArgumentException("result table has no column '" + column
                        + "'; pass a table produced by BanditSweep.run");
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        int lastIteration = (int) results.intColumn("iteration").max();
        for (Row row : results) {
            String key = row.getString("function") + "\u0000" + row.getString("method");
            Group group = groups.computeIfAbsent(key,
                    ignored -> new Group(row.getString("function"), row.getString("method")));
            int iteration = row.getInt("iteration");
            if (iteration == 0) {
                group.initial.add(row.getDouble("regret"));
            }
            if (iteration == lastIteration) {
                group.last.add(row.getDouble("regret"));
                if (row.getInt("unstable") == 1) {
                    group.unstable++;
                }
            }
        }

        StringColumn functions = StringColumn.create("function");
        StringColumn methods = StringColumn.create("method");
        IntColumn seeds = IntColumn.create("seeds");
        IntColumn unstable = IntColumn.create("unstable_seeds");
        DoubleColumn initialMean = DoubleColumn.create("initial_regret");
        DoubleColumn finalMean = DoubleColumn.create("final_regret");
        DoubleColumn finalError = DoubleColumn.create("final_regret_se");
        for (Group group : groups.values()) {
            functions.append(group.function);
            methods.append(group.method);
            seeds.append(group.last.size());
            unstable.append(group.unstable);
            initialMean.append(mean(group.initial));
            finalMean.append(mean(group.last));
            finalError.append(standardError(group.last));
        }
        return new RunSummary(Table.create("summary", functions, methods, seeds, unstable, initialMean, finalMean,
                finalError));
    }

    /** Returns the summary table. */
    public Table table() {
        return table;
    }

    /** Returns the row of {@code method} on {@code function}. */
    public Row row(String function, String method) {
        for (Row row : table) {
            if (row.getString("function").equals(function) && row.getString("method").equals(method)) {
                return row;
            }
        }
        throw new IllegalArgumentException("no runs of method '" + method + "' on '" + function
                + "'; the summary has methods " + table.stringColumn("method").unique().asList());
    }

    /** Mean final regret of {@code method} on {@code function}. */
    public double finalRegret(String function, String method) {
        return row(function, method).getDouble("final_regret");
    }

    /** Fraction of seeds of {@code method} on {@code function} that broke down. */
    public double unstableFraction(String function, String method) {
        Row row = row(function, method);
        return (double) row.getInt("unstable_seeds") / row.getInt("seeds");
    }

    private static double mean(List<Double> values) {
        double sum = 0.0;
        for (double value : values) {
            sum += value;
        }
        return values.isEmpty() ? Double.NaN : sum / values.size();
    }

    private static double standardError(List<Double> values) {
        if (values.size() < 2) {
            return 0.0;
        }
        double average = mean(values);
        double squares = 0.0;
        for (double value : values) {
            squares += (value - average) * (value - average);
        }
        return Math.sqrt(squares / (values.size() - 1)) / Math.sqrt(values.size());
    }

    private static final class Group {
        final String function;
        final String method;
        final List<Double> initial = new ArrayList<>();
        final List<Double> last = new ArrayList<>();
        int unstable;

        Group(String function, String method) {
            this.function = function;
            this.method = method;
        }
    }
}
