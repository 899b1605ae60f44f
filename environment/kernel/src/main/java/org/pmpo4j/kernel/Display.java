package org.pmpo4j.kernel;

import java.util.function.Consumer;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Sends rich output from a notebook cell to Jupyter, as {@code display_data} messages.
 *
 * <p>The kernel imports these methods statically in every cell, so a cell can write
 * {@code display(chart)} or {@code markdown("**done**")}. They work only inside cells run
 * by the pmpo4j Java kernel, while the cell is executing.
 *
 * <p>{@link #display(Object)} renders like a cell's last expression: {@code image/png} for a
 * {@code BufferedImage} or an XChart chart, {@code text/html} for a Tablesaw table, and
 * {@code text/plain} for every object.
 */
public final class Display {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static volatile Consumer<DisplayData> sink;

    private Display() {
    }

    /** Connects the helper to the kernel that publishes the display data. */
    static void attach(Consumer<DisplayData> kernelSink) {
        sink = kernelSink;
    }

    /** Shows {@code value} as rich output; null shows the text {@code null}. */
    public static void display(Object value) {
        send(ValueRenderer.render(value));
    }

    /**
     * Shows PNG image bytes, such as those of {@code ImageIO.write(image, "png", out)} or
     * XChart's {@code BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG)}.
     *
     * @throws IllegalArgumentException if {@code png} is null or does not start with the PNG
     *     signature
     */
    public static void png(byte[] png) {
        if (png == null || png.length < PNG_SIGNATURE.length || !startsWithSignature(png)) {
            String got = png == null ? "null" : png.length + " bytes without the PNG signature";
            throw new IllegalArgumentException("png must be PNG file bytes starting with 89 50 4E 47 0D 0A 1A 0A, got "
                    + got + "; encode the image with ImageIO.write(image, \"png\", out)");
        }
        DisplayData data = new DisplayData("[PNG image, " + png.length + " bytes]");
        data.putData(ValueRenderer.MIME_PNG, ValueRenderer.base64(png));
        send(data);
    }

    /**
     * Shows an HTML fragment. The kernel sends it unchanged, so escape any text that comes from
     * data.
     *
     * @throws IllegalArgumentException if {@code html} is null
     */
    public static void html(String html) {
        requireText("html", html);
        DisplayData data = new DisplayData(html);
        data.putData(ValueRenderer.MIME_HTML, html);
        send(data);
    }

    /**
     * Shows Markdown text, which Jupyter renders.
     *
     * @throws IllegalArgumentException if {@code markdown} is null
     */
    public static void markdown(String markdown) {
        requireText("markdown", markdown);
        DisplayData data = new DisplayData(markdown);
        data.putData(ValueRenderer.MIME_MARKDOWN, markdown);
        send(data);
    }

    private static void requireText(String name, String text) {
        if (text == null) {
            throw new IllegalArgumentException(name + " must be a string, got null; pass \"\" to show nothing");
        }
    }

    private static boolean startsWithSignature(byte[] bytes) {
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static void send(DisplayData data) {
        Consumer<DisplayData> target = sink;
        if (target == null) {
            throw new IllegalStateException("no Jupyter kernel is attached: Display works only in cells "
                    + "run by the pmpo4j-java kernel");
        }
        target.accept(data);
    }
}
