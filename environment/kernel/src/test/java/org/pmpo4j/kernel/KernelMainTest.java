package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class KernelMainTest {

    @Test
    void parseClasspathSplitsAndSkipsEmptyEntries() {
        String value = "/a/lib.jar" + File.pathSeparator + File.pathSeparator + " /b/classes " + File.pathSeparator;

        List<Path> entries = KernelMain.parseClasspath(value);

        assertEquals(List.of(Path.of("/a/lib.jar"), Path.of("/b/classes")), entries);
    }

    @Test
    void parseClasspathOfUnsetVariableIsEmpty() {
        assertEquals(List.of(), KernelMain.parseClasspath(null));
        assertEquals(List.of(), KernelMain.parseClasspath(""));
    }
}
