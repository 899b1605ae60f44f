package org.pmpo4j.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pmpo4j.experiment.ResultFiles;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Learning-curve figures: one panel per value of a panel column (e.g. function), one line per group (e.g. method),
 * each line the mean over seeds with a shaded band of ± one standard error.
 */
public final class ProgressFigure {

    /** Line colours, assigned to groups in order; chosen to stay distinct for colour-blind readers. */
    private static final Color[] COLORS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(240, 228, 66),
    };

    /** Smallest value drawn on a logarithmic axis; values at or below zero are raised to it. */
    public static final double LOG_FLOOR = 1e-12;

    private ProgressFigure() {
    }

    /**
     * Draws one chart per distinct value of {@code panelColumn}, in order of first appearance.
     *
     * @param logY draw the y axis on a logarithmic scale; values are then floored at {@link #LOG_FLOOR}
     */
    public static List<XYChart> panels(Table table, String panelColumn, String groupColumn, String xColumn,
            String yColumn, String yLabel, boolean logY) {
        if (!table.columnNames().contains(panelColumn)) {
            throw new IllegalArgumentException("table " + table.name() + " has no column '" + panelColumn
                    + "'; its columns are " + table.columnNames());
        }
        List<XYChart> charts = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            String value = table.column(panelColumn).getString(row);
            if (!order.contains(value)) {
                order.add(value);
            }
        }
        for (String panel : order) {
            Table rows = table.where(table.stringColumn(panelColumn).isEqualTo(panel));
            charts.add(chart(panel, SeedBands.of(rows, groupColumn, xColumn, yColumn), xColumn, yLabel, logY));
        }
        return charts;
    }

    /** Draws one chart from precomputed bands. */
    public static XYChart chart(String title, List<SeedBands> bands, String xLabel, String yLabel, boolean logY) {
        XYChart chart = new XYChartBuilder().width(520).height(380).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        chart.getStyler().setYAxisLogarithmic(logY);
        // Plain integers with wide spacing, so evaluation counts such as 5600 do not run into each other.
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        chart.getStyler().setYAxisDecimalPattern(logY ? "0.#E0" : "#,##0.###");
        for (int i = 0; i < bands.size(); i++) {
            addBand(chart, bands.get(i), COLORS[i % COLORS.length], logY);
        }
        return chart;
    }

    private static void addBand(XYChart chart, SeedBands band, Color color, boolean logY) {
        int n = band.x().length;
        double[] mean = new double[n];
        double[] polygonX = new double[2 * n];
        double[] polygonY = new double[2 * n];
        for (int i = 0; i < n; i++) {
            mean[i] = floor(band.mean()[i], logY);
            polygonX[i] = band.x()[i];
            polygonY[i] = floor(band.mean()[i] + band.standardError()[i], logY);
            polygonX[2 * n - 1 - i] = band.x()[i];
            polygonY[2 * n - 1 - i] = floor(band.mean()[i] - band.standardError()[i], logY);
        }
        XYSeries area = chart.addSeries(band.group() + " ± s.e.", polygonX, polygonY);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setMarker(SeriesMarkers.NONE);
        area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        area.setLineColor(new Color(0, 0, 0, 0));
        area.setShowInLegend(false);

        XYSeries line = chart.addSeries(band.group(), band.x(), mean);
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
    }

    private static double floor(double value, boolean logY) {
        return logY ? Math.max(value, LOG_FLOOR) : value;
    }

    /** Lays charts out left to right, top to bottom, in a grid {@code columns} wide. */
    public static BufferedImage grid(List<XYChart> charts, int columns) {
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("need at least one chart and one column, got " + charts.size()
                    + " charts and " + columns + " columns");
        }
        int width = charts.get(0).getWidth();
        int height = charts.get(0).getHeight();
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(width * Math.min(columns, charts.size()), height * rows,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            graphics.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * width,
                    (i / columns) * height, null);
        }
        graphics.dispose();
        return image;
    }

    /**
     * Saves the grid as {@code <name>.png} and each panel as {@code <name>-<k>.svg} in {@code folder}, each file
     * written atomically. Returns the grid image.
     */
    public static BufferedImage save(List<XYChart> charts, int columns, Path folder, String name) {
        BufferedImage image = grid(charts, columns);
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", png);
            ResultFiles.writeAtomically(folder.resolve(name + ".png"), png.toByteArray());
            for (int i = 0; i < charts.size(); i++) {
                ByteArrayOutputStream svg = new ByteArrayOutputStream();
                VectorGraphicsEncoder.saveVectorGraphic(charts.get(i), svg,
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                ResultFiles.writeAtomically(folder.resolve(name + "-" + (i + 1) + ".svg"), svg.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode figure " + name, e);
        }
        return image;
    }
}
