package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    void pngRejectsNull() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Display.png(null));
        assertEquals("png must be PNG file bytes starting with 89 50 4E 47 0D 0A 1A 0A, got null; "
                + "encode the image with ImageIO.write(image, \"png\", out)", error.getMessage());
    }

    @Test
    void pngRejectsBytesWithoutSignature() {
        byte[] jpegStart = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F'};
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Display.png(jpegStart));
        assertEquals("png must be PNG file bytes starting with 89 50 4E 47 0D 0A 1A 0A, got 10 bytes without "
                + "the PNG signature; encode the image with ImageIO.write(image, \"png\", out)", error.getMessage());
    }

    @Test
    void htmlRejectsNull() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Display.html(null));
        assertEquals("html must be a string, got null; pass \"\" to show nothing", error.getMessage());
    }

    @Test
    void markdownRejectsNull() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Display.markdown(null));
        assertEquals("markdown must be a string, got null; pass \"\" to show nothing", error.getMessage());
    }
}
