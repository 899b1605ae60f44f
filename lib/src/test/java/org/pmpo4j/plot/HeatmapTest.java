package org.pmpo4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

class HeatmapTest {

    private static final List<String> ALPHAS = List.of("0", "0.5", "1");
    private static final List<String> BETAS = List.of("0", "1");
    private static final double[][] VALUES = {{1, 2, 3}, {4, 5, 6}};

    @Test
    void rendersHeadlessImageOfRequestedSize() {
        HeatMapChart chart = Heatmap.builder(ALPHAS, BETAS, VALUES).title("final loss").axisTitles("alpha", "beta")
                .size(640, 480).build();

        BufferedImage image = BitmapEncoder.getBufferedImage(chart);

        assertTrue(GraphicsEnvironment.isHeadless());
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
    }

    @Test
    void rowZeroIsDrawnAtBottom() {
        // One column, row 0 = 0 (red, the low end) and row 1 = 1 (blue, the high end). Only the plot
        // area, left of the colour bar, is searched.
        double[][] values = {{0.0}, {1.0}};
        HeatMapChart chart = Heatmap.builder(List.of("x"), List.of("low", "high"), values)
                .colourScale(Color.RED, Color.BLUE).size(400, 400).build();
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);

        double redRow = meanRowOf(image, Color.RED, image.getWidth() / 2);
        double blueRow = meanRowOf(image, Color.BLUE, image.getWidth() / 2);

        assertTrue(redRow > blueRow, "red at image row " + redRow + ", blue at " + blueRow);
    }

    @Test
    void cellsMapToColumnRowAndValue() {
        HeatMapChart chart = Heatmap.builder(ALPHAS, BETAS, VALUES).build();
        HeatMapSeries series = chart.getHeatMapSeries();

        assertEquals(6, series.getHeatData().size());
        Number[] last = series.getHeatData().get(5);
        assertEquals(2, last[0].intValue());
        assertEquals(1, last[1].intValue());
        assertEquals(6.0, last[2].doubleValue(), 0.0);
        assertEquals(Heatmap.VALUE_SERIES, series.getName());
    }

    @Test
    void nanCellIsLeftBlank() {
        double[][] values = {{1, Double.NaN, 3}, {4, 5, 6}};

        HeatMapSeries series = Heatmap.builder(ALPHAS, BETAS, values).build().getHeatMapSeries();

        assertEquals(5, series.getHeatData().size());
        assertEquals(1.0, series.getMin(), 0.0);
        assertEquals(6.0, series.getMax(), 0.0);
    }

    @Test
    void negativeValuesGetTheirOwnRange() {
        // XChart alone would keep the maximum at Double.MIN_VALUE > 0 for these values.
        double[][] values = {{-3, -2, -1.5}, {-1, -0.75, -0.5}};

        HeatMapSeries series = Heatmap.builder(ALPHAS, BETAS, values).build().getHeatMapSeries();

        assertEquals(-3.0, series.getMin(), 0.0);
        assertEquals(-0.5, series.getMax(), 0.0);
    }

    @Test
    void log10ScaleShowsLogarithms() {
        // log10 of {1e-3, 1e2} is {−3, 2}.
        double[][] values = {{1e-3, 1, 10}, {1, 1, 1e2}};

        HeatMapSeries series = Heatmap.builder(ALPHAS, BETAS, values).log10(true).build().getHeatMapSeries();

        assertEquals(-3.0, series.getMin(), 1e-15);
        assertEquals(2.0, series.getMax(), 1e-15);
        assertEquals(Heatmap.LOG10_SERIES, series.getName());
    }

    @Test
    void constantValuesRender() {
        double[][] values = {{2, 2, 2}, {2, 2, 2}};
        HeatMapChart chart = Heatmap.builder(ALPHAS, BETAS, values).showValues(true).build();

        BufferedImage image = BitmapEncoder.getBufferedImage(chart);

        assertEquals(800, image.getWidth());
    }

    @Test
    void builderCopiesValues() {
        double[][] values = {{1, 2, 3}, {4, 5, 6}};
        Heatmap.Builder builder = Heatmap.builder(ALPHAS, BETAS, values);

        values[1][2] = 100;

        assertEquals(6.0, builder.build().getHeatMapSeries().getMax(), 0.0);
    }

    @Test
    void mismatchedRowsAreRejected() {
        double[][] values = {{1, 2, 3}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(ALPHAS, BETAS, values).build());
        assertEquals("values has 1 rows but yLabels has 2 labels; pass values[row][column] with one row per y label",
                e.getMessage());
    }

    @Test
    void mismatchedColumnsAreRejected() {
        double[][] values = {{1, 2, 3}, {4, 5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(ALPHAS, BETAS, values).build());
        assertEquals("values[1] has 2 columns but xLabels has 3 labels; pass one column per x label", e.getMessage());
    }

    @Test
    void emptyLabelsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(List.of(), BETAS, new double[][] {{}, {}}).build());
        assertEquals("xLabels and yLabels must not be empty, got 0 and 2 labels; pass one label per column and per"
                + " row", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(ALPHAS, null, VALUES).build());
        assertEquals("xLabels, yLabels and values must not be null; pass one label per column and per row",
                missing.getMessage());
    }

    @Test
    void infiniteValueIsRejected() {
        double[][] values = {{1, 2, 3}, {4, Double.NEGATIVE_INFINITY, 6}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(ALPHAS, BETAS, values).build());
        assertEquals("values[1][1] is -Infinity; pass a finite value, or NaN to leave the cell blank", e.getMessage());
    }

    @Test
    void allNanIsRejected() {
        double[][] values = {{Double.NaN, Double.NaN, Double.NaN}, {Double.NaN, Double.NaN, Double.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(ALPHAS, BETAS, values).build());
        assertEquals("values has no finite cell, only NaN; pass at least one result", e.getMessage());
    }

    @Test
    void nonPositiveValueOnLog10IsRejected() {
        double[][] values = {{1, 2, 3}, {4, 0, 6}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.builder(ALPHAS, BETAS, values).log10(true).build());
        assertEquals("values[1][1] = 0.0 has no log10; pass values > 0, NaN for a blank cell, or turn log10 off",
                e.getMessage());
    }

    @Test
    void invalidOptionsAreRejected() {
        Heatmap.Builder builder = Heatmap.builder(ALPHAS, BETAS, VALUES);

        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> builder.size(50, 600));
        assertEquals("width and height must be >= 100 pixels, got 50 x 600; use 800 x 600 for the default",
                size.getMessage());
        IllegalArgumentException colours = assertThrows(IllegalArgumentException.class,
                () -> builder.colourScale(Color.RED));
        assertEquals("colourScale needs at least 2 colours, got 1; pass a low and a high colour", colours.getMessage());
        IllegalArgumentException nullColour = assertThrows(IllegalArgumentException.class,
                () -> builder.colourScale(Color.RED, null));
        assertEquals("colourScale[1] must not be null; pass a java.awt.Color for every step", nullColour.getMessage());
        IllegalArgumentException title = assertThrows(IllegalArgumentException.class, () -> builder.title(null));
        assertEquals("title must not be null; pass an empty string for none", title.getMessage());
    }

    /** Returns the mean image row of the pixels of exactly {@code colour} in the columns left of {@code maxColumn}. */
    private static double meanRowOf(BufferedImage image, Color colour, int maxColumn) {
        long sum = 0;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < maxColumn; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    sum += y;
                    count++;
                }
            }
        }
        assertTrue(count > 0, "no pixel of " + colour + " in the plot area");
        return (double) sum / count;
    }
}
