package org.pmpo4j.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedbackJsonlTest {

    private static final String GOOD_LINE = "{\"prompt\":\"The film\",\"completion\":\" was fine.\",\"label\":true}";
    private static final String FORMAT_FIX = "each line must be one JSON object with a string \"prompt\", a non-empty"
            + " string \"completion\" and a boolean \"label\"";

    @Test
    void writeThenReadRoundTrips(@TempDir Path folder) {
        List<LabelledCompletion> rows = List.of(
                new LabelledCompletion("I thought", " it was \"great\"\nand <b>fun</b> — café", true),
                new LabelledCompletion("", "Dull.", false));
        Path file = folder.resolve("feedback.jsonl");
        FeedbackJsonl.write(file, rows);
        assertEquals(rows, FeedbackJsonl.read(file));
    }

    @Test
    void writeUsesOneObjectPerLine(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("feedback.jsonl");
        FeedbackJsonl.write(file, List.of(new LabelledCompletion("a", "b\nc", false)));
        assertEquals("{\"prompt\":\"a\",\"completion\":\"b\\nc\",\"label\":false}\n", Files.readString(file));
    }

    @Test
    void readIgnoresExtraFields(@TempDir Path folder) throws IOException {
        Path file = write(folder, "{\"id\":7,\"prompt\":\"p\",\"completion\":\"c\",\"label\":false,\"score\":[1]}");
        assertEquals(List.of(new LabelledCompletion("p", "c", false)), FeedbackJsonl.read(file));
    }

    @Test
    void badJsonNamesLine(@TempDir Path folder) throws IOException {
        Path file = write(folder, GOOD_LINE + "\n{\"prompt\":\"p\",\"completion\":\"c\",\"label\":tru}");
        assertTrue(readError(file).startsWith(file + " line 2 is not valid JSON ("), readError(file));
        assertTrue(readError(file).endsWith(FORMAT_FIX), readError(file));
    }

    @Test
    void unquotedNameIsRejected(@TempDir Path folder) throws IOException {
        // Gson accepts unquoted names in lenient mode; strict reading must reject them.
        Path file = write(folder, "{prompt:\"p\",\"completion\":\"c\",\"label\":true}");
        assertTrue(readError(file).startsWith(file + " line 1 is not valid JSON ("), readError(file));
    }

    @Test
    void missingFieldNamesLineAndField(@TempDir Path folder) throws IOException {
        Path file = write(folder, GOOD_LINE + "\n" + GOOD_LINE + "\n{\"prompt\":\"p\",\"label\":true}");
        assertEquals(file + " line 3 has no \"completion\" field; " + FORMAT_FIX, readError(file));
    }

    @Test
    void stringLabelIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "{\"prompt\":\"p\",\"completion\":\"c\",\"label\":\"true\"}");
        assertEquals(file + " line 1 has \"label\" of type STRING, not a boolean; write true or false without"
                + " quotes, not 1, 0 or \"true\"", readError(file));
    }

    @Test
    void numericLabelIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "{\"prompt\":\"p\",\"completion\":\"c\",\"label\":1}");
        assertTrue(readError(file).startsWith(file + " line 1 has \"label\" of type NUMBER, not a boolean"),
                readError(file));
    }

    @Test
    void nullLabelIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "{\"prompt\":\"p\",\"completion\":\"c\",\"label\":null}");
        assertTrue(readError(file).startsWith(file + " line 1 has \"label\" of type NULL, not a boolean"),
                readError(file));
    }

    @Test
    void emptyCompletionIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, GOOD_LINE + "\n{\"prompt\":\"p\",\"completion\":\" \",\"label\":false}");
        assertEquals(file + " line 2 has an empty \"completion\"; drop rows without a completion", readError(file));
    }

    @Test
    void nonStringPromptIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "{\"prompt\":[\"p\"],\"completion\":\"c\",\"label\":false}");
        assertEquals(file + " line 1 has \"prompt\" of type BEGIN_ARRAY, not a string; " + FORMAT_FIX,
                readError(file));
    }

    @Test
    void duplicateFieldIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "{\"prompt\":\"p\",\"completion\":\"c\",\"label\":true,\"label\":false}");
        assertEquals(file + " line 1 has \"label\" twice; keep one \"label\" per row", readError(file));
    }

    @Test
    void blankLineIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, GOOD_LINE + "\n\n" + GOOD_LINE);
        assertEquals(file + " line 2 is blank; remove blank lines", readError(file));
    }

    @Test
    void arrayLineIsRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, "[" + GOOD_LINE + "]");
        assertEquals(file + " line 1 is not a JSON object; " + FORMAT_FIX, readError(file));
    }

    @Test
    void twoObjectsOnOneLineAreRejected(@TempDir Path folder) throws IOException {
        Path file = write(folder, GOOD_LINE + " " + GOOD_LINE);
        assertTrue(readError(file).startsWith(file + " line 1 is not valid JSON ("), readError(file));
    }

    @Test
    void invalidUtf8NamesLine(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("feedback.jsonl");
        byte[] good = (GOOD_LINE + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'p', (byte) 0xC3, '"', '}'};
        byte[] content = new byte[good.length + bad.length];
        System.arraycopy(good, 0, content, 0, good.length);
        System.arraycopy(bad, 0, content, good.length, bad.length);
        Files.write(file, content);
        assertEquals(file + " line 2 is not valid UTF-8; save the file as UTF-8", readError(file));
    }

    @Test
    void missingFileIsRejected(@TempDir Path folder) {
        Path file = folder.resolve("none.jsonl");
        assertEquals("feedback file not found: " + file + "; check the path", readError(file));
    }

    @Test
    void failedWriteLeavesNoFile(@TempDir Path folder) throws IOException {
        Path blocker = folder.resolve("not-a-folder");
        Files.writeString(blocker, "");
        List<LabelledCompletion> rows = List.of(new LabelledCompletion("p", "c", true));
        assertThrows(UncheckedIOException.class, () -> FeedbackJsonl.write(blocker.resolve("f.jsonl"), rows));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "only the blocking file should remain");
        }
    }

    @Test
    void rewriteReplacesWholeFile(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("feedback.jsonl");
        FeedbackJsonl.write(file, List.of(new LabelledCompletion("p", "c", true), new LabelledCompletion("q", "d", true)));
        FeedbackJsonl.write(file, List.of(new LabelledCompletion("r", "e", false)));
        assertEquals(List.of(new LabelledCompletion("r", "e", false)), FeedbackJsonl.read(file));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "no temporary file should remain");
        }
    }

    private static Path write(Path folder, String content) throws IOException {
        Path file = folder.resolve("feedback.jsonl");
        Files.writeString(file, content + "\n");
        return file;
    }

    private static String readError(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> FeedbackJsonl.read(file)).getMessage();
    }
}
