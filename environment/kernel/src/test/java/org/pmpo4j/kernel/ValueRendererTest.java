package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.QuickChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class ValueRendererTest {

    private static BufferedImage decodePng(DisplayData data) throws IOException {
        Object base64 = data.getData(MIMEType.parse(ValueRenderer.MIME_PNG));
        assertNotNull(base64, "no image/png in the display data");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) base64)));
    }

    private static Object plain(DisplayData data) {
        return data.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void bufferedImageRendersAsPngOfSameSize() throws IOException {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff0000);

        BufferedImage decoded = decodePng(ValueRenderer.render(image));

        assertEquals(20, decoded.getWidth());
        assertEquals(10, decoded.getHeight());
        assertEquals(0xff0000, decoded.getRGB(3, 4) & 0xffffff);
    }

    @Test
    void xchartRendersAsPngOfChartSize() throws IOException {
        XYChart chart = QuickChart.getChart("t", "x", "y", "s", new double[] {1, 2, 3}, new double[] {1, 4, 9});

        BufferedImage decoded = decodePng(ValueRenderer.render(chart));

        // QuickChart draws 600 x 400 pixel charts.
        assertEquals(600, decoded.getWidth());
        assertEquals(400, decoded.getHeight());
    }

    @Test
    void tableRendersAsHtmlAndText() {
        Table table = Table.create("t", IntColumn.create("n", 1, 2));

        DisplayData data = ValueRenderer.render(table);

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th>n</th>"), html);
        assertEquals(table.toString(), plain(data));
        assertFalse(data.hasDataForType(MIMEType.parse(ValueRenderer.MIME_PNG)));
    }

    @Test
    void arrayRendersElements() {
        assertEquals("[1, 2]", plain(ValueRenderer.render(new int[] {1, 2})));
        assertEquals("[[a], [b, c]]", plain(ValueRenderer.render(new String[][] {{"a"}, {"b", "c"}})));
    }

    @Test
    void otherObjectsRenderAsToString() {
        assertEquals("null", plain(ValueRenderer.render(null)));
        assertEquals("[x]", plain(ValueRenderer.render(java.util.List.of("x"))));
    }

    @Test
    void isInstanceOfChecksSuperclassesByName() {
        XYChart chart = new XYChart(10, 10);
        assertTrue(ValueRenderer.isInstanceOf(chart, ValueRenderer.XCHART_CHART));
        assertFalse(ValueRenderer.isInstanceOf("text", ValueRenderer.XCHART_CHART));
        assertFalse(ValueRenderer.isInstanceOf(null, ValueRenderer.XCHART_CHART));
    }

    @Test
    void imageTextIsStableAcrossRuns() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(3, 2,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        // The text names the size only, so two renderings of equal images give equal text.
        org.junit.jupiter.api.Assertions.assertEquals("image 3×2",
                ValueRenderer.render(image).getData(MIMEType.parse("text/plain")));
    }
}
