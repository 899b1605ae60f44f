package org.pmpo4j.experiment;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PMPO at every (α, β) of a grid, one method per cell labelled {@code α=0.5 β=1}, with helpers that turn sweep results
 * back into per-α panels and per-cell matrices.
 *
 * @param alphas α values, each in [0, 1]
 * @param betas β values, each at least 0
 * @param divergence the regulariser every cell uses
 */
public record AlphaBetaGrid(List<Double> alphas, List<Double> betas, String divergence) {

    public AlphaBetaGrid {
        if (alphas == null || alphas.isEmpty() || betas == null || betas.isEmpty()) {
            throw new IllegalArgumentException("the grid needs at least one alpha and one beta");
        }
        alphas = List.copyOf(alphas);
        betas = List.copyOf(betas);
        if (alphas.stream().distinct().count() != alphas.size() || betas.stream().distinct().count() != betas.size()) {
            throw new IllegalArgumentException("grid values must be distinct, got alphas " + alphas + " and betas "
                    + betas);
        }
        // Building the methods validates every α, β and the divergence name.
        methods(alphas, betas, divergence);
    }

    /** Returns the label of cell (α, β), e.g. {@code α=0.5 β=1}. */
    public static String label(double alpha, double beta) {
        return "α=" + plain(alpha) + " β=" + plain(beta);
    }

    /** One PMPO method per cell, α-major. */
    public List<Method> methods() {
        return methods(alphas, betas, divergence);
    }

    /** α labels for a heatmap's rows, e.g. {@code α=0}. */
    public List<String> alphaLabels() {
        return alphas.stream().map(alpha -> "α=" + plain(alpha)).toList();
    }

    /** β labels for a heatmap's columns, e.g. {@code β=1.5}. */
    public List<String> betaLabels() {
        return betas.stream().map(beta -> "β=" + plain(beta)).toList();
    }

    /** Final mean regret per cell on {@code function}: rows follow {@link #alphas}, columns {@link #betas}. */
    public double[][] finalRegret(RunSummary summary, String function) {
        double[][] values = new double[alphas.size()][betas.size()];
        for (int a = 0; a < alphas.size(); a++) {
            for (int b = 0; b < betas.size(); b++) {
                values[a][b] = summary.finalRegret(function, label(alphas.get(a), betas.get(b)));
            }
        }
        return values;
    }

    /** Fraction of seeds that broke down per cell on {@code function}, laid out like {@link #finalRegret}. */
    public double[][] unstableFraction(RunSummary summary, String function) {
        double[][] values = new double[alphas.size()][betas.size()];
        for (int a = 0; a < alphas.size(); a++) {
            for (int b = 0; b < betas.size(); b++) {
                values[a][b] = summary.unstableFraction(function, label(alphas.get(a), betas.get(b)));
            }
        }
        return values;
    }

    /**
     * Copies {@code results} with two more columns: {@code panel} ({@code sphere, α=0.5}) and {@code beta}
     * ({@code β=1}), so that a learning-curve figure can draw one panel per function and α with one line per β.
     */
    public Table withPanels(Table results) {
        Map<String, double[]> cells = new HashMap<>();
        for (double alpha : alphas) {
            for (double beta : betas) {
                cells.put(label(alpha, beta), new double[] {alpha, beta});
            }
        }
        StringColumn panel = StringColumn.create("panel");
        StringColumn beta = StringColumn.create("beta");
        for (int row = 0; row < results.rowCount(); row++) {
            double[] cell = cells.get(results.stringColumn("method").get(row));
            if (cell == null) {
                throw new IllegalArgumentException("method '" + results.stringColumn("method").get(row)
                        + "' is not a cell of this grid");
            }
            panel.append(results.stringColumn("function").get(row) + ", α=" + plain(cell[0]));
            beta.append("β=" + plain(cell[1]));
        }
        Table copy = results.copy();
        copy.addColumns(panel, beta);
        return copy;
    }

    private static List<Method> methods(List<Double> alphas, List<Double> betas, String divergence) {
        List<Method> methods = new ArrayList<>();
        for (double alpha : alphas) {
            for (double beta : betas) {
                methods.add(new Method.Pmpo(label(alpha, beta), alpha, beta, divergence));
            }
        }
        return methods;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
