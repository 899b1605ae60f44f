package org.pmpo4j.kernel;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Base64;

import javax.imageio.ImageIO;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Turns a Java object into Jupyter display data.
 *
 * <p>Every object gets {@code text/plain}: its {@code toString()}, or the element list for an
 * array. On top of that:
 * <ul>
 *   <li>{@link RenderedImage} (such as {@code BufferedImage}) gets {@code image/png};</li>
 *   <li>an XChart chart (any subclass of {@value #XCHART_CHART}) gets {@code image/png},
 *       drawn by XChart's {@code BitmapEncoder};</li>
 *   <li>a Tablesaw {@value TablesawHtml#TABLE_CLASS} gets {@code text/html}.</li>
 * </ul>
 * XChart and Tablesaw are reached by reflection through the class loader of the object, so
 * the kernel does not depend on them and uses whatever versions the notebook classpath holds.
 */
final class ValueRenderer {

    static final String XCHART_CHART = "org.knowm.xchart.internal.chartpart.Chart";
    private static final String XCHART_ENCODER = "org.knowm.xchart.BitmapEncoder";
    private static final String XCHART_FORMAT = "org.knowm.xchart.BitmapEncoder$BitmapFormat";

    static final String MIME_PNG = "image/png";
    static final String MIME_HTML = "text/html";
    static final String MIME_MARKDOWN = "text/markdown";

    private ValueRenderer() {
    }

    /** Renders {@code value}; null renders as the text {@code null}. */
    static DisplayData render(Object value) {
        DisplayData data = new DisplayData(plainText(value));
        // Images and charts get a text/plain that stays the same from run to run, unlike their toString(), which
        // contains an identity hash. So rerunning a notebook does not change its saved outputs needlessly.
        if (value instanceof RenderedImage image) {
            data = new DisplayData("image " + image.getWidth() + "×" + image.getHeight());
            data.putData(MIME_PNG, base64(encodePng(image)));
        } else if (isInstanceOf(value, XCHART_CHART)) {
            data = new DisplayData("chart " + value.getClass().getSimpleName());
            data.putData(MIME_PNG, base64(encodeChart(value)));
        } else if (isInstanceOf(value, TablesawHtml.TABLE_CLASS)) {
            data.putData(MIME_HTML, TablesawHtml.render(value, TablesawHtml.MAX_ROWS));
        }
        return data;
    }

    /** Returns {@code toString()}, with arrays written out element by element. */
    static String plainText(Object value) {
        if (value != null && value.getClass().isArray()) {
            String wrapped = Arrays.deepToString(new Object[] {value});
            return wrapped.substring(1, wrapped.length() - 1);
        }
        return String.valueOf(value);
    }

    /** Returns whether {@code value}'s class or one of its superclasses is named {@code className}. */
    static boolean isInstanceOf(Object value, String className) {
        if (value == null) {
            return false;
        }
        for (Class<?> type = value.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] encodePng(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalArgumentException("no PNG writer accepts the image of type "
                        + image.getClass().getName() + "; convert it to a TYPE_INT_ARGB BufferedImage");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed for " + image.getClass().getName(), e);
        }
        return out.toByteArray();
    }

    /** Calls {@code BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG)} of the chart's XChart. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] encodeChart(Object chart) {
        ClassLoader loader = chart.getClass().getClassLoader();
        try {
            Class<?> chartType = Class.forName(XCHART_CHART, false, loader);
            Class<?> encoder = Class.forName(XCHART_ENCODER, true, loader);
            Class<? extends Enum> formatType = (Class<? extends Enum>) Class.forName(XCHART_FORMAT, true, loader);
            Object png = Enum.valueOf(formatType, "PNG");
            Method getBitmapBytes = encoder.getMethod("getBitmapBytes", chartType, formatType);
            return (byte[]) getBitmapBytes.invoke(null, chart, png);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("XChart failed to draw " + chart.getClass().getName()
                    + " as PNG: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("XChart's BitmapEncoder.getBitmapBytes(Chart, BitmapFormat) "
                    + "was not found next to " + chart.getClass().getName()
                    + "; put xchart 3.8.x on PMPO4J_CLASSPATH", e);
        }
    }
}
