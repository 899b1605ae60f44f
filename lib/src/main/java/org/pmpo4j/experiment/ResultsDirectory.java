package org.pmpo4j.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the folder a notebook writes its tables and figures to: {@code results/<notebook>/} in the repository, or
 * {@code $PMPO_RESULTS/<notebook>/} when the environment variable {@value #ENVIRONMENT_VARIABLE} is set (the smoke
 * notebook test uses it so that checked-in results stay untouched).
 */
public final class ResultsDirectory {

    /** Environment variable that overrides the results root. */
    public static final String ENVIRONMENT_VARIABLE = "PMPO_RESULTS";

    private ResultsDirectory() {
    }

    /** Returns, creating it if needed, the results folder of the named notebook. */
    public static Path forNotebook(String notebook) {
        if (notebook == null || notebook.isBlank() || notebook.contains("/") || notebook.contains("..")) {
            throw new IllegalArgumentException("notebook name must be a plain folder name such as"
                    + " '01-bandit-benchmarks', got '" + notebook + "'");
        }
        String override = System.getenv(ENVIRONMENT_VARIABLE);
        Path root = override == null || override.isBlank()
                ? ProjectRoot.find().resolve("results")
                : Path.of(override);
        Path folder = root.resolve(notebook).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results folder " + folder
                    + "; check that the path is writable or set " + ENVIRONMENT_VARIABLE + " elsewhere", e);
        }
        return folder;
    }
}
