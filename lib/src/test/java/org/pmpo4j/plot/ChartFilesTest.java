package org.pmpo4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;

class ChartFilesTest {

    @TempDir
    Path directory;

    @Test
    void savesPngAndSvgOfChart() throws IOException {
        HeatMapChart chart = Heatmap.builder(List.of("0", "1"), List.of("0", "1"), new double[][] {{1, 2}, {3, 4}})
                .size(500, 300).build();

        ChartFiles.SavedChart saved = ChartFiles.savePngAndSvg(chart, directory.resolve("figures"), "heatmap");

        assertEquals(directory.resolve("figures/heatmap.png"), saved.png());
        assertEquals(directory.resolve("figures/heatmap.svg"), saved.svg());
        BufferedImage png = ImageIO.read(saved.png().toFile());
        assertEquals(500, png.getWidth());
        assertEquals(300, png.getHeight());
        String svg = Files.readString(saved.svg(), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml"), svg.substring(0, 40));
        assertTrue(svg.contains("<svg"));
    }

    @Test
    void saveReplacesFilesAndLeavesNoTemporary() throws IOException {
        HeatMapChart small = Heatmap.builder(List.of("0"), List.of("0"), new double[][] {{1}}).size(200, 150).build();
        HeatMapChart large = Heatmap.builder(List.of("0"), List.of("0"), new double[][] {{1}}).size(300, 250).build();
        ChartFiles.savePngAndSvg(small, directory, "figure");

        ChartFiles.SavedChart saved = ChartFiles.savePngAndSvg(large, directory, "figure");

        assertEquals(300, ImageIO.read(saved.png().toFile()).getWidth());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(saved.png(), saved.svg()), files.sorted().toList());
        }
    }

    @Test
    void invalidBaseNameIsRejected() {
        HeatMapChart chart = Heatmap.builder(List.of("0"), List.of("0"), new double[][] {{1}}).build();

        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> ChartFiles.savePngAndSvg(chart, directory, "sub/name"));
        assertEquals("baseName must be a plain file name without extension, got 'sub/name'; pass a name such as"
                + " 'boundedness'", path.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> ChartFiles.savePngAndSvg(chart, directory, " "));
        assertTrue(blank.getMessage().startsWith("baseName must be a plain file name without extension, got ' '"));
    }

    @Test
    void nullArgumentsAreRejected() {
        IllegalArgumentException chart = assertThrows(IllegalArgumentException.class,
                () -> ChartFiles.savePngAndSvg(null, directory, "name"));
        assertEquals("chart and directory must not be null; pass the chart and an output folder", chart.getMessage());
        HeatMapChart heatmap = Heatmap.builder(List.of("0"), List.of("0"), new double[][] {{1}}).build();
        IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
                () -> ChartFiles.savePngAndSvg(heatmap, null, "name"));
        assertEquals("chart and directory must not be null; pass the chart and an output folder", folder.getMessage());
    }
}
