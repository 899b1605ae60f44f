package org.pmpo4j.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Locates the folder a notebook writes its tables and figures to: {@code $PMPO_RESULTS/<notebook>/} when the
 * environment variable {@value #ENVIRONMENT_VARIABLE} is set (the smoke notebook test uses it), otherwise
 * {@code results/<notebook>/} in the repository at paper scale and the git-ignored {@code results/smoke/<notebook>/}
 * at smoke scale, so that a quick run never overwrites the checked-in paper-scale results.
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
        Path folder = root(System.getenv(), ProjectRoot::find).resolve(notebook).toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create results folder " + folder
                    + "; check that the path is writable or set " + ENVIRONMENT_VARIABLE + " elsewhere", e);
        }
        return folder;
    }

    /** Returns the results root for the given environment; {@code projectRoot} is only asked when it is needed. */
    static Path root(Map<String, String> environment, Supplier<Path> projectRoot) {
        String override = environment.get(ENVIRONMENT_VARIABLE);
        if (override != null && !override.isBlank()) {
            // A relative path counts from the repository root, not from the kernel's working folder (notebooks/).
            return Path.of(override).isAbsolute() ? Path.of(override) : projectRoot.get().resolve(override).normalize();
        }
        Path results = projectRoot.get().resolve("results");
        return Scale.fromEnvironment(environment) == Scale.SMOKE ? results.resolve("smoke") : results;
    }
}
