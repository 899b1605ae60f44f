package org.pmpo4j.text;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Strict streaming reads of JSON data files, turning every parse failure into one error that names the file. */
final class JsonFiles {

    /** Reads the one JSON value of a file. */
    interface ValueReader<T> {
        T read(JsonReader reader) throws IOException;
    }

    private JsonFiles() {
    }

    /**
     * Reads {@code file} with {@code body}, which must consume exactly one JSON value.
     *
     * @param fix what the user should do when the file is invalid, appended to the error message
     * @throws IllegalArgumentException if the file is missing, is not strict UTF-8 JSON (for example truncated), has
     *                                  trailing content, or {@code body} rejects its structure
     */
    static <T> T read(Path file, String fix, ValueReader<T> body) {
        try (Reader text = utf8Reader(file); JsonReader reader = new JsonReader(text)) {
            reader.setStrictness(Strictness.STRICT);
            T value = body.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalStateException("unexpected content after the JSON value " + reader.getPath());
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file not found: " + file + "; " + fix, e);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports a truncated file as EOFException and a wrong token type as IllegalStateException.
            throw new IllegalArgumentException("invalid JSON in " + file + " (" + e.getMessage()
                    + "); the file is truncated or corrupt: " + fix, e);
        }
    }

    private static Reader utf8Reader(Path file) throws IOException {
        return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
