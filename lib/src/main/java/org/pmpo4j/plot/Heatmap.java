package org.pmpo4j.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;

/**
 * Heatmap of one final value per cell of a two-parameter grid, such as a metric over (α, β), drawn
 * with XChart's {@link HeatMapChart}.
 *
 * <p>Cell values come as {@code values[row][column]}: row r belongs to y label r and is drawn r rows
 * above the bottom, and column k belongs to x label k. A NaN cell is a missing result and stays blank.
 * With {@link Builder#log10(boolean)} the colours and the printed values show log10 of each cell.
 *
 * <p>Save the chart as PNG and SVG with {@link ChartFiles#savePngAndSvg}.
 */
public final class Heatmap {

    /** Series name of a linear colour scale; XChart shows it in cell tooltips. */
    public static final String VALUE_SERIES = "value";

    /** Series name of a log10 colour scale. */
    public static final String LOG10_SERIES = "log10(value)";

    private Heatmap() {}

    /**
     * Returns the default colour scale, from low to high: matplotlib's viridis colour map (by N. J.
     * Smith, S. van der Walt and E. Firing) sampled at 0, 0.25, 0.5, 0.75 and 1. Viridis was designed
     * to stay readable in grey scale and for readers with common colour-vision deficiencies.
     */
    public static Color[] defaultColourScale() {
        return new Color[] {
            new Color(0x440154), new Color(0x3B528B), new Color(0x21918C), new Color(0x5EC962), new Color(0xFDE725)
        };
    }

    /**
     * Starts a heatmap of {@code values}; the builder checks the data when {@link Builder#build()} runs.
     *
     * @param xLabels one label per column, left to right
     * @param yLabels one label per row, bottom to top
     * @param values cell values, shape (yLabels.size(), xLabels.size()); finite, or NaN for a missing cell
     */
    public static Builder builder(List<String> xLabels, List<String> yLabels, double[][] values) {
        return new Builder(xLabels, yLabels, values);
    }

    /** Chart options and data of one heatmap; every option has a default. */
    public static final class Builder {

        private final List<String> xLabels;
        private final List<String> yLabels;
        private final double[][] values;
        private String title = "";
        private String xAxisTitle = "";
        private String yAxisTitle = "";
        private int width = 800;
        private int height = 600;
        private boolean log10;
        private Color[] colourScale = defaultColourScale();
        private boolean showValues;

        private Builder(List<String> xLabels, List<String> yLabels, double[][] values) {
            this.xLabels = xLabels == null ? null : new ArrayList<>(xLabels);
            this.yLabels = yLabels == null ? null : new ArrayList<>(yLabels);
            this.values = values == null ? null : copy(values);
        }

        /** Sets the chart title; empty by default. */
        public Builder title(String newTitle) {
            this.title = requireText("title", newTitle);
            return this;
        }

        /** Sets the axis titles, such as "alpha" and "beta"; empty by default. */
        public Builder axisTitles(String newXAxisTitle, String newYAxisTitle) {
            this.xAxisTitle = requireText("xAxisTitle", newXAxisTitle);
            this.yAxisTitle = requireText("yAxisTitle", newYAxisTitle);
            return this;
        }

        /** Sets the image size in pixels, 800 × 600 by default; each side must be at least 100. */
        public Builder size(int newWidth, int newHeight) {
            if (newWidth < 100 || newHeight < 100) {
                throw new IllegalArgumentException("width and height must be >= 100 pixels, got " + newWidth + " x "
                        + newHeight + "; use 800 x 600 for the default");
            }
            this.width = newWidth;
            this.height = newHeight;
            return this;
        }

        /**
         * Sets whether colours and printed values show log10 of each cell; off by default. The colour
         * bar does not name its scale, so put "log10" in the title.
         */
        public Builder log10(boolean enabled) {
            this.log10 = enabled;
            return this;
        }

        /**
         * Sets the colour scale, from the lowest to the highest value, with colours interpolated in
         * between; {@link #defaultColourScale()} by default.
         */
        public Builder colourScale(Color... colours) {
            if (colours == null || colours.length < 2) {
                throw new IllegalArgumentException("colourScale needs at least 2 colours, got "
                        + (colours == null ? "null" : colours.length) + "; pass a low and a high colour");
            }
            for (int i = 0; i < colours.length; i++) {
                if (colours[i] == null) {
                    throw new IllegalArgumentException(
                            "colourScale[" + i + "] must not be null; pass a java.awt.Color for every step");
                }
            }
            this.colourScale = colours.clone();
            return this;
        }

        /** Sets whether each cell prints its value; off by default. */
        public Builder showValues(boolean enabled) {
            this.showValues = enabled;
            return this;
        }

        /**
         * Checks the data and draws the chart.
         *
         * @throws IllegalArgumentException if labels or values are missing, the shapes do not match, a
         *     value is infinite, no value is finite, or a value is ≤ 0 on a log10 scale
         */
        public HeatMapChart build() {
            requireShapes();
            double[][] cellValues = log10 ? log10Values() : values;

            List<Number[]> cells = new ArrayList<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int row = 0; row < cellValues.length; row++) {
                for (int column = 0; column < cellValues[row].length; column++) {
                    double value = cellValues[row][column];
                    if (Double.isNaN(value)) {
                        continue;
                    }
                    cells.add(new Number[] {column, row, value});
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("values has no finite cell, only NaN; pass at least one result");
            }

            HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                    .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
            chart.getStyler().setRangeColors(colourScale.clone());
            chart.getStyler().setShowValue(showValues);
            chart.getStyler().setHeatMapValueDecimalPattern("0.###");

            HeatMapSeries series = chart.addSeries(log10 ? LOG10_SERIES : VALUE_SERIES, xLabels, yLabels, cells);
            // XChart 3.8.8 starts its search for the maximum at Double.MIN_VALUE, a positive number, so
            // a map of negative values would get a wrong colour range without these two calls.
            series.setMin(min);
            series.setMax(max);
            return chart;
        }

        private void requireShapes() {
            if (xLabels == null || yLabels == null || values == null) {
                throw new IllegalArgumentException(
                        "xLabels, yLabels and values must not be null; pass one label per column and per row");
            }
            if (xLabels.isEmpty() || yLabels.isEmpty()) {
                throw new IllegalArgumentException("xLabels and yLabels must not be empty, got " + xLabels.size()
                        + " and " + yLabels.size() + " labels; pass one label per column and per row");
            }
            if (values.length != yLabels.size()) {
                throw new IllegalArgumentException("values has " + values.length + " rows but yLabels has "
                        + yLabels.size() + " labels; pass values[row][column] with one row per y label");
            }
            for (int row = 0; row < values.length; row++) {
                if (values[row] == null || values[row].length != xLabels.size()) {
                    String length = values[row] == null ? "null" : values[row].length + " columns";
                    throw new IllegalArgumentException("values[" + row + "] has " + length + " but xLabels has "
                            + xLabels.size() + " labels; pass one column per x label");
                }
                for (int column = 0; column < values[row].length; column++) {
                    if (Double.isInfinite(values[row][column])) {
                        throw new IllegalArgumentException("values[" + row + "][" + column + "] is "
                                + values[row][column] + "; pass a finite value, or NaN to leave the cell blank");
                    }
                }
            }
        }

        private double[][] log10Values() {
            double[][] logs = new double[values.length][];
            for (int row = 0; row < values.length; row++) {
                logs[row] = new double[values[row].length];
                for (int column = 0; column < values[row].length; column++) {
                    double value = values[row][column];
                    if (value <= 0.0) {
                        throw new IllegalArgumentException("values[" + row + "][" + column + "] = " + value
                                + " has no log10; pass values > 0, NaN for a blank cell, or turn log10 off");
                    }
                    logs[row][column] = Math.log10(value);
                }
            }
            return logs;
        }

        private static double[][] copy(double[][] values) {
            double[][] copy = new double[values.length][];
            for (int row = 0; row < values.length; row++) {
                copy[row] = values[row] == null ? null : values[row].clone();
            }
            return copy;
        }

        private static String requireText(String name, String text) {
            if (text == null) {
                throw new IllegalArgumentException(name + " must not be null; pass an empty string for none");
            }
            return text;
        }
    }
}
