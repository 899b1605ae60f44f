package org.pmpo4j.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves XChart charts as PNG and SVG files. Each file is first written in full to a temporary file
 * in the target directory and then renamed over the target, so a reader never sees a half-written
 * figure, and an interrupted save leaves the previous figure in place.
 */
public final class ChartFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ChartFiles.class);

    private ChartFiles() {}

    /** Paths of a chart saved by {@link #savePngAndSvg}. */
    public record SavedChart(Path png, Path svg) {}

    /**
     * Renders {@code chart} and writes {@code <directory>/<baseName>.png} and
     * {@code <directory>/<baseName>.svg}, creating the directory if needed. Rendering runs headless.
     *
     * @param baseName file name without extension; must not contain a path separator
     * @throws IllegalArgumentException if an argument is null or baseName is blank or a path
     * @throws IOException if rendering or writing fails
     */
    public static SavedChart savePngAndSvg(Chart<?, ?> chart, Path directory, String baseName) throws IOException {
        if (chart == null || directory == null) {
            throw new IllegalArgumentException("chart and directory must not be null; pass the chart and an output folder");
        }
        if (baseName == null || baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")) {
            throw new IllegalArgumentException("baseName must be a plain file name without extension, got "
                    + (baseName == null ? "null" : "'" + baseName + "'") + "; pass a name such as 'boundedness'");
        }

        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsFormat.SVG);

        Path pngPath = directory.resolve(baseName + ".png");
        Path svgPath = directory.resolve(baseName + ".svg");
        writeAtomically(pngPath, png);
        writeAtomically(svgPath, svg.toByteArray());
        return new SavedChart(pngPath, svgPath);
    }

    /**
     * Writes {@code bytes} to {@code target} through a temporary file in the same directory and a
     * rename, creating the directory if needed. Where the file system cannot rename atomically, the
     * rename falls back to a plain replace and logs a warning.
     *
     * <p>NOTE: the library has no shared result writer yet. Once an experiment package provides one
     * (a planned {@code org.pmpo4j.experiment.ResultFiles.writeAtomically}), delegate to it.
     *
     * @throws IOException if the directory cannot be created or the file cannot be written
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        if (target == null || bytes == null) {
            throw new IllegalArgumentException("target and bytes must not be null; pass a file path and its content");
        }
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);

        // Files.createTempFile would give mode 600; a new file keeps the default mode of the umask.
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("Atomic rename is not supported in {}, replacing {} non-atomically: {}", directory, target,
                        e.getMessage());
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
