package org.pmpo4j.experiment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the nearest folder at or above the working directory holding pom.xml and notebooks/. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    /** Returns the repository root, searching upward from the working directory. */
    public static Path find() {
        Path start = Path.of("").toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("pom.xml")) && Files.isDirectory(folder.resolve("notebooks"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no pmpo4j checkout found at or above " + start
                + "; run from inside the repository or set " + ResultsDirectory.ENVIRONMENT_VARIABLE);
    }
}
