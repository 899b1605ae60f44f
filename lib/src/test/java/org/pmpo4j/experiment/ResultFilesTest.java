package org.pmpo4j.experiment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultFilesTest {

    @Test
    void headerLinesPrecedeCsv(@TempDir Path folder) throws IOException {
        Table table = Table.create("t", DoubleColumn.create("x", 1.0, 2.5));
        Map<String, String> header = new LinkedHashMap<>();
        header.put("seed", "7");
        header.put("note", "two\nlines");
        Path file = folder.resolve("t.csv");
        ResultFiles.writeCsv(table, file, header);

        assertEquals("# seed: 7\n# note: two lines\nx\n1.0\n2.5\n", Files.readString(file));
        assertEquals(Map.of("seed", "7", "note", "two lines"), ResultFiles.readHeader(file));
        assertEquals(2.5, ResultFiles.readCsv(file).doubleColumn("x").get(1));
    }

    @Test
    void failedWriteLeavesNoFile(@TempDir Path folder) throws IOException {
        Path blocker = folder.resolve("not-a-folder");
        Files.writeString(blocker, "");
        Path target = blocker.resolve("out.csv");
        assertThrows(UncheckedIOException.class, () -> ResultFiles.writeAtomically(target, "x"));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "only the blocking file should remain");
        }
    }

    @Test
    void writeLeavesNoTemporaryFiles(@TempDir Path folder) throws IOException {
        ResultFiles.writeAtomically(folder.resolve("a.txt"), "content");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void missingFileNamesPathAndFix(@TempDir Path folder) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ResultFiles.readCsv(folder.resolve("none.csv")));
        assertTrue(error.getMessage().contains("none.csv"));
        assertTrue(error.getMessage().contains("run the notebook"));
    }

    @Test
    void corruptFileNamesPathAndFix(@TempDir Path folder) throws IOException {
        // A row with more fields than the header, as a truncated concatenation of two files would leave.
        Path file = folder.resolve("corrupt.csv");
        Files.writeString(file, "# seed: 1\nx,y\n1,2\n3,4,5,6\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ResultFiles.readCsv(file));
        assertTrue(error.getMessage().contains("corrupt.csv"), error.getMessage());
        assertTrue(error.getMessage().contains("rerun the notebook"), error.getMessage());
    }

    @Test
    void emptyOrGarbageFilesAreRejected(@TempDir Path folder) throws IOException {
        Path empty = folder.resolve("empty.csv");
        Files.writeString(empty, "");
        Path commentsOnly = folder.resolve("comments.csv");
        Files.writeString(commentsOnly, "# seed: 1\n# git: abc\n");
        Path garbage = folder.resolve("garbage.csv");
        Files.write(garbage, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80});
        for (Path file : new Path[] {empty, commentsOnly, garbage}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ResultFiles.readCsv(file));
            assertTrue(error.getMessage().contains(file.getFileName().toString()), error.getMessage());
            assertTrue(error.getMessage().contains("rerun the notebook"), error.getMessage());
        }
    }

    @Test
    void readHeaderNamesMissingAndBinaryFiles(@TempDir Path folder) throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ResultFiles.readHeader(folder.resolve("none.csv")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path binary = folder.resolve("binary.csv");
        Files.write(binary, new byte[] {'#', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        IllegalArgumentException damaged = assertThrows(IllegalArgumentException.class,
                () -> ResultFiles.readHeader(binary));
        assertTrue(damaged.getMessage().contains("binary.csv"), damaged.getMessage());
    }

    @Test
    void writtenFilesAreReadableByAll(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("a.csv");
        ResultFiles.writeAtomically(file, "x");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void parentThatIsFileIsNamed(@TempDir Path folder) throws IOException {
        Path blocker = folder.resolve("blocker");
        Files.writeString(blocker, "");
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> ResultFiles.writeAtomically(blocker.resolve("out.csv"), "x"));
        assertTrue(error.getMessage().contains("is a file, not a folder"), error.getMessage());
    }
}
