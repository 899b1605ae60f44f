package org.pmpo4j.text;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import org.pmpo4j.experiment.ResultFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes unpaired feedback as JSON lines: one UTF-8 object per line,
 * {@code {"prompt": "...", "completion": "...", "label": true}}. This is the "unpaired preference" dataset type of
 * Hugging Face TRL, which its KTO trainer reads. {@code label} true means accepted, false rejected. Reading ignores
 * other fields.
 */
public final class FeedbackJsonl {

    private static final String FORMAT = "each line must be one JSON object with a string \"prompt\", a non-empty"
            + " string \"completion\" and a boolean \"label\"";

    private FeedbackJsonl() {
    }

    /**
     * Reads every row of {@code file}.
     *
     * @throws IllegalArgumentException if the file is missing or a line is invalid. A line is invalid when it is
     *                                  not UTF-8, is blank, or is not one strict JSON object. It is also invalid
     *                                  when it lacks a field, repeats or mistypes one, or has an empty completion.
     *                                  The message names the line number.
     */
    public static List<LabelledCompletion> read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("feedback file not found: " + file + "; check the path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }

        // Lines are split on the byte '\n' and decoded one by one, so an invalid UTF-8 byte gets its line number.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<LabelledCompletion> rows = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNumber++;
            int length = end - start;
            if (length > 0 && content[end - 1] == '\r') {
                length--;
            }
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(content, start, length)).toString();
            } catch (CharacterCodingException e) {
                throw rowError(file, lineNumber, "is not valid UTF-8", "save the file as UTF-8");
            }
            rows.add(parseLine(file, lineNumber, line));
            start = end + 1;
        }
        return rows;
    }

    /** Writes {@code rows} to {@code file}, one object per line, through a temporary file and an atomic move. */
    public static void write(Path file, List<LabelledCompletion> rows) {
        StringWriter text = new StringWriter();
        for (LabelledCompletion row : rows) {
            try (JsonWriter json = new JsonWriter(text)) {
                json.setHtmlSafe(false);
                json.beginObject();
                json.name("prompt").value(row.prompt());
                json.name("completion").value(row.completion());
                json.name("label").value(row.label());
                json.endObject();
            } catch (IOException e) {
                throw new UncheckedIOException("failed to format a feedback row in memory", e);
            }
            text.append('\n');
        }
        ResultFiles.writeAtomically(file, text.toString());
    }

    private static LabelledCompletion parseLine(Path file, int lineNumber, String line) {
        if (line.isBlank()) {
            throw rowError(file, lineNumber, "is blank", "remove blank lines");
        }
        String prompt = null;
        String completion = null;
        Boolean label = null;
        try (JsonReader json = new JsonReader(new StringReader(line))) {
            json.setStrictness(Strictness.STRICT);
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw rowError(file, lineNumber, "is not a JSON object", FORMAT);
            }
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                switch (name) {
                    case "prompt" -> prompt = requireFirst(file, lineNumber, name, prompt, nextString(file, lineNumber, json, name));
                    case "completion" -> completion = requireFirst(file, lineNumber, name, completion, nextString(file, lineNumber, json, name));
                    case "label" -> label = requireFirst(file, lineNumber, name, label, nextBoolean(file, lineNumber, json));
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw rowError(file, lineNumber, "has content after the JSON object", "write one object per line");
            }
        } catch (IOException | IllegalStateException e) {
            throw rowError(file, lineNumber, "is not valid JSON (" + e.getMessage() + ")", FORMAT);
        }

        if (prompt == null || completion == null || label == null) {
            String missing = "label";
            if (prompt == null) {
                missing = "prompt";
            } else if (completion == null) {
                missing = "completion";
            }
            throw rowError(file, lineNumber, "has no \"" + missing + "\" field", FORMAT);
        }
        if (completion.isBlank()) {
            throw rowError(file, lineNumber, "has an empty \"completion\"", "drop rows without a completion");
        }
        return new LabelledCompletion(prompt, completion, label);
    }

    private static String nextString(Path file, int lineNumber, JsonReader json, String name) throws IOException {
        if (json.peek() != JsonToken.STRING) {
            throw rowError(file, lineNumber, "has \"" + name + "\" of type " + json.peek() + ", not a string", FORMAT);
        }
        return json.nextString();
    }

    private static boolean nextBoolean(Path file, int lineNumber, JsonReader json) throws IOException {
        if (json.peek() != JsonToken.BOOLEAN) {
            throw rowError(file, lineNumber, "has \"label\" of type " + json.peek() + ", not a boolean",
                    "write true or false without quotes, not 1, 0 or \"true\"");
        }
        return json.nextBoolean();
    }

    private static <T> T requireFirst(Path file, int lineNumber, String name, T previous, T value) {
        if (previous != null) {
            throw rowError(file, lineNumber, "has \"" + name + "\" twice", "keep one \"" + name + "\" per row");
        }
        return value;
    }

    private static IllegalArgumentException rowError(Path file, int lineNumber, String problem, String fix) {
        return new IllegalArgumentException(file + " line " + lineNumber + " " + problem + "; " + fix);
    }
}
