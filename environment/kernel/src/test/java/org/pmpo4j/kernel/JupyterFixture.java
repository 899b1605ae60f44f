package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A private Jupyter installation for integration tests: a kernelspec named
 * {@value #KERNEL_NAME} that starts the freshly built shaded kernel jar, in Jupyter folders
 * under a temporary directory, so the tests neither use nor touch the user's kernelspecs.
 *
 * <p>The kernel JVM gets {@value #KERNEL_HEAP} of heap, which makes an OutOfMemoryError in a
 * test cell quick, and the XChart and Tablesaw jars of the test classpath as
 * {@code PMPO4J_CLASSPATH}.
 */
final class JupyterFixture {

    static final String KERNEL_NAME = "pmpo4j-java";
    static final String KERNEL_HEAP = "-Xmx256m";
    static final String PYTHON = "/usr/bin/python3";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    final Path root;
    final Path runtimeDir;
    final Path kernelJar;

    /** Writes the kernelspec under {@code root}. */
    JupyterFixture(Path root) throws IOException {
        this.root = root;
        this.runtimeDir = root.resolve("runtime");
        this.kernelJar = requiredFile("pmpo4j.kernel.jar",
                "run the integration tests with mvn verify, which builds the shaded jar first");
        Path classpathFile = requiredFile("pmpo4j.it.classpath.file",
                "run the integration tests with mvn verify, which writes this file first");
        String notebookClasspath = Files.readString(classpathFile).strip();

        Path specDir = root.resolve("share/kernels/" + KERNEL_NAME);
        Files.createDirectories(specDir);
        Files.createDirectories(runtimeDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        JsonObject spec = new JsonObject();
        spec.add("argv", GSON.toJsonTree(List.of(java, KERNEL_HEAP, "-Djava.awt.headless=true",
                "-jar", kernelJar.toString(), "{connection_file}")));
        spec.addProperty("display_name", "Java (pmpo4j, integration test)");
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        JsonObject env = new JsonObject();
        env.addProperty(KernelMain.CLASSPATH_VARIABLE, notebookClasspath);
        spec.add("env", env);
        Files.writeString(specDir.resolve("kernel.json"), GSON.toJson(spec));
    }

    private static Path requiredFile(String property, String fix) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            fail("system property " + property + " must name an existing file, got " + value + "; " + fix);
        }
        return Path.of(value);
    }

    /** Writes a notebook of code cells, one per element of {@code cells}, and returns its path. */
    Path writeNotebook(Path folder, String name, List<String> cells) throws IOException {
        JsonArray cellArray = new JsonArray();
        for (String source : cells) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.add("execution_count", null);
            cell.add("metadata", new JsonObject());
            cell.add("outputs", new JsonArray());
            cell.addProperty("source", source);
            cellArray.add(cell);
        }
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", KERNEL_NAME);
        kernelspec.addProperty("display_name", "Java (pmpo4j)");
        kernelspec.addProperty("language", "java");
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec);
        JsonObject notebook = new JsonObject();
        notebook.add("cells", cellArray);
        notebook.add("metadata", metadata);
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", 4);

        Files.createDirectories(folder);
        Path path = folder.resolve(name + ".ipynb");
        Files.writeString(path, GSON.toJson(notebook));
        return path;
    }

    /** Result of one command: exit status and combined stdout and stderr. */
    record CommandResult(int exitCode, String output) {
    }

    /**
     * Runs {@code command} with the Jupyter folders pointed into {@link #root} and
     * {@code extraEnv} added, and fails the test if it takes longer than {@code timeoutSeconds}.
     */
    CommandResult run(List<String> command, Map<String, String> extraEnv, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_PATH", root.resolve("share").toString());
        env.put("JUPYTER_DATA_DIR", root.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", root.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", runtimeDir.toString());
        env.putAll(extraEnv);
        Path log = Files.createTempFile(root, "command", ".log");
        builder.redirectOutput(log.toFile());

        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(log));
        }
        return new CommandResult(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Returns the command lines of live processes that use this fixture's runtime folder. */
    List<String> processesUsingRuntimeDir() {
        List<String> found = new ArrayList<>();
        String marker = runtimeDir.toString();
        ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .forEach(handle -> handle.info().commandLine()
                        .filter(line -> line.contains(marker))
                        .ifPresent(found::add));
        return found;
    }

    /** Fails unless {@code python} can import nbclient, with a message that names the fix. */
    static void requireJupyter(JupyterFixture fixture) throws IOException, InterruptedException {
        CommandResult check = fixture.run(List.of(PYTHON, "-c", "import nbclient, nbformat"), Map.of(), 60);
        assertEquals(0, check.exitCode(), PYTHON + " cannot import nbclient; run environment/setup, which installs "
                + "python3-nbclient:\n" + check.output());
        assertTrue(Files.isDirectory(fixture.runtimeDir));
    }
}
