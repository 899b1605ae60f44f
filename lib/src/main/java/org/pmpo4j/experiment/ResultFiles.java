package org.pmpo4j.experiment;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes and reads result tables as CSV files whose leading {@code # key: value} lines record how they were made.
 * Every write goes to a temporary file in the same folder that is moved into place only when complete, so a failed
 * or interrupted run never leaves a partial file under the final name.
 */
public final class ResultFiles {

    private ResultFiles() {
    }

    /** Writes {@code table} to {@code file} with one comment line per {@code header} entry, atomically. */
    public static void writeCsv(Table table, Path file, Map<String, String> header) {
        StringWriter text = new StringWriter();
        for (Map.Entry<String, String> entry : header.entrySet()) {
            String value = entry.getValue().replace('\n', ' ').replace('\r', ' ');
            text.append("# ").append(entry.getKey()).append(": ").append(value).append('\n');
        }
        table.write().csv(CsvWriteOptions.builder(text).build());
        writeAtomically(file, text.toString());
    }

    /** Writes {@code content} to {@code file} through a temporary sibling and an atomic move. */
    public static void writeAtomically(Path file, String content) {
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code file} through a temporary sibling and an atomic move. */
    public static void writeAtomically(Path file, byte[] content) {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UncheckedIOException(new IOException("cannot write " + file + ": " + folder
                    + " is a file, not a folder; choose another output path"));
        }
        Path temporary = null;
        try {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".partial");
            Files.write(temporary, content);
            // createTempFile makes the file readable by its owner only; a result file is for everyone to read.
            setReadableByAll(temporary);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("failed to write " + file + "; check that the folder is writable", e);
        }
    }

    /** Reads a CSV written by {@link #writeCsv}, skipping its comment lines. */
    public static Table readCsv(Path file) {
        requireFile(file);
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).commentPrefix('#'));
        } catch (RuntimeException e) {
            throw damaged(file, e.getMessage(), e);
        }
        if (table.columnCount() == 0) {
            throw damaged(file, "no column header", null);
        }
        return table;
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("result file not found: " + file
                    + "; run the notebook that writes it first");
        }
    }

    private static IllegalArgumentException damaged(Path file, String reason, Throwable cause) {
        return new IllegalArgumentException("cannot read result file " + file + " as CSV (" + reason
                + "); delete it and rerun the notebook that writes it", cause);
    }

    /** Reads the {@code # key: value} header of a file written by {@link #writeCsv}. */
    public static Map<String, String> readHeader(Path file) {
        requireFile(file);
        Map<String, String> header = new java.util.LinkedHashMap<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.takeWhile(line -> line.startsWith("# ")).forEach(line -> {
                int colon = line.indexOf(": ");
                if (colon > 2) {
                    header.put(line.substring(2, colon), line.substring(colon + 2));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw damaged(file, "not UTF-8 text: " + e.getMessage(), e);
        }
        return header;
    }

    private static void setReadableByAll(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the default permissions stay.
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // The write already failed; the caller gets that error, not this one.
        }
    }
}
