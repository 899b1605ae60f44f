package org.pmpo4j.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;
import org.pmpo4j.experiment.ResultFiles;

/**
 * Saves one XChart chart as a PNG and an SVG file. Each file goes through
 * {@link ResultFiles#writeAtomically(Path, byte[])}, so a reader never sees a half-written figure and
 * an interrupted save leaves the previous figure in place.
 */
public final class ChartFiles {

    private ChartFiles() {}

    /** Paths of a chart saved by {@link #savePngAndSvg}. */
    public record SavedChart(Path png, Path svg) {}

    /**
     * Renders {@code chart} and writes {@code <directory>/<baseName>.png} and
     * {@code <directory>/<baseName>.svg}, creating the directory if needed. Rendering runs headless.
     *
     * @param baseName file name without extension; must not contain a path separator
     * @throws IllegalArgumentException if an argument is null or baseName is blank or a path
     * @throws UncheckedIOException if encoding or writing fails
     */
    public static SavedChart savePngAndSvg(Chart<?, ?> chart, Path directory, String baseName) {
        if (chart == null || directory == null) {
            throw new IllegalArgumentException("chart and directory must not be null; pass the chart and an output folder");
        }
        if (baseName == null || baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")) {
            throw new IllegalArgumentException("baseName must be a plain file name without extension, got "
                    + (baseName == null ? "null" : "'" + baseName + "'") + "; pass a name such as 'boundedness'");
        }

        byte[] png;
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode chart " + baseName + " as PNG and SVG", e);
        }

        Path pngPath = directory.resolve(baseName + ".png");
        Path svgPath = directory.resolve(baseName + ".svg");
        ResultFiles.writeAtomically(pngPath, png);
        ResultFiles.writeAtomically(svgPath, svg.toByteArray());
        return new SavedChart(pngPath, svgPath);
    }
}
