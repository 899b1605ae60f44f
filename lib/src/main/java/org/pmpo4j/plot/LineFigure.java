package org.pmpo4j.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Map;

/** A line chart of a few named (x, y) series with markers, e.g. final regret against a setting. */
public final class LineFigure {

    private static final Color[] COLORS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(240, 228, 66),
    };

    private LineFigure() {
    }

    /**
     * Draws one line with markers per entry of {@code series}, each value an array {x[], y[]} of equal lengths. On a
     * logarithmic y axis, values at or below zero are raised to {@link ProgressFigure#LOG_FLOOR}.
     */
    public static XYChart of(String title, String xLabel, String yLabel, Map<String, double[][]> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(520).height(380).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(logY);
        int index = 0;
        for (Map.Entry<String, double[][]> entry : series.entrySet()) {
            double[][] xy = entry.getValue();
            if (xy.length != 2 || xy[0].length != xy[1].length || xy[0].length == 0) {
                throw new IllegalArgumentException("series '" + entry.getKey()
                        + "' must be {x[], y[]} of equal, non-zero lengths");
            }
            double[] y = xy[1].clone();
            for (int i = 0; i < y.length; i++) {
                y[i] = logY ? Math.max(y[i], ProgressFigure.LOG_FLOOR) : y[i];
            }
            XYSeries line = chart.addSeries(entry.getKey(), xy[0], y);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineColor(COLORS[index % COLORS.length]);
            line.setMarkerColor(COLORS[index % COLORS.length]);
            index++;
        }
        return chart;
    }
}
