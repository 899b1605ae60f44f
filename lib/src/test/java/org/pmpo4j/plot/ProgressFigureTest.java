package org.pmpo4j.plot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressFigureTest {

    private static Table results() {
        return Table.create("r",
                StringColumn.create("function", "f", "f", "f", "f", "g", "g"),
                StringColumn.create("method", "A", "A", "B", "B", "A", "A"),
                IntColumn.create("evaluations", 0, 10, 0, 10, 0, 10),
                DoubleColumn.create("regret", 1.0, 0.1, 1.0, 0.0, 2.0, 0.5));
    }

    @Test
    void onePanelPerFunctionWithBandAndLinePerMethod() {
        List<XYChart> charts = ProgressFigure.panels(results(), "function", "method", "evaluations", "regret",
                "regret", true);
        assertEquals(2, charts.size());
        assertEquals("f", charts.get(0).getTitle());
        // Two methods in panel f, each drawn as a band and a line.
        assertEquals(4, charts.get(0).getSeriesMap().size());
        assertEquals(2, charts.get(1).getSeriesMap().size());
    }

    @Test
    void saveWritesGridPngAndSvgPerPanel(@TempDir Path folder) throws IOException {
        List<XYChart> charts = ProgressFigure.panels(results(), "function", "method", "evaluations", "regret",
                "regret", true);
        BufferedImage image = ProgressFigure.save(charts, 1, folder, "fig");
        assertEquals(charts.get(0).getHeight() * 2, image.getHeight());
        assertTrue(Files.size(folder.resolve("fig.png")) > 1000);
        assertTrue(Files.readString(folder.resolve("fig-2.svg")).contains("<svg"));
    }
}
