package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs environment/run_notebooks.py against the shaded kernel in a private Jupyter folder. */
class RunNotebooksIT {

    @TempDir
    static Path root;

    private static JupyterFixture jupyter;
    private static Path script;

    @BeforeAll
    static void installKernelspec() throws IOException, InterruptedException {
        jupyter = new JupyterFixture(root);
        JupyterFixture.requireJupyter(jupyter);
        script = Path.of(System.getProperty("pmpo4j.repo.root"), "environment", "run_notebooks.py").toRealPath();
    }

    private static JupyterFixture.CommandResult runNotebooks(String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JupyterFixture.PYTHON, script.toString()));
        command.addAll(List.of(arguments));
        return jupyter.run(command, Map.of(), 180);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void outputDirGetsExecutedCopyAndEnvironment() throws Exception {
        Path notebook = jupyter.writeNotebook(root.resolve("copy"), "env", List.of(
                "System.out.println(System.getenv(\"PMPO_SCALE\") + \" \" + System.getenv(\"PMPO_RESULTS\"));"));
        byte[] before = Files.readAllBytes(notebook);
        Path output = root.resolve("copy-out");
        Path results = root.resolve("copy-results");

        JupyterFixture.CommandResult run = runNotebooks("--scale", "smoke", "--output-dir", output.toString(),
                "--results-dir", results.toString(), notebook.toString());

        assertEquals(0, run.exitCode(), run.output());
        assertEquals("notebooks: 1 passed, 0 failed", lastLine(run.output()));
        assertTrue(run.output().contains("passed  " + notebook), run.output());
        assertArrayEquals(before, Files.readAllBytes(notebook));
        String executed = Files.readString(output.resolve("env.ipynb"));
        assertTrue(executed.contains("smoke " + results), executed);
        assertTrue(Files.isDirectory(results));
    }

    @Test
    void inPlaceRunWritesOutputsIntoNotebook() throws Exception {
        Path notebook = jupyter.writeNotebook(root.resolve("in-place"), "sum", List.of("20 + 22"));

        JupyterFixture.CommandResult run = runNotebooks("--in-place", "--results-dir",
                root.resolve("in-place-results").toString(), notebook.toString());

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Files.readString(notebook).contains("\"42\""), Files.readString(notebook));
    }

    @Test
    void failingNotebookIsReportedAndLeftUntouched() throws Exception {
        Path failing = jupyter.writeNotebook(root.resolve("failing"), "a-fails", List.of(
                "int fine = 1;",
                "throw new IllegalStateException(\"broken on purpose\");"));
        Path passing = jupyter.writeNotebook(root.resolve("failing"), "b-passes", List.of("1 + 1"));
        byte[] before = Files.readAllBytes(failing);

        JupyterFixture.CommandResult run = runNotebooks("--in-place", "--results-dir",
                root.resolve("failing-results").toString(), failing.toString(), passing.toString());

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("FAILED  " + failing), run.output());
        assertTrue(run.output().contains("at cell index 1:"), run.output());
        assertTrue(run.output().contains("IllegalStateException: broken on purpose"), run.output());
        assertEquals("notebooks: 1 passed, 1 failed", lastLine(run.output()));
        assertArrayEquals(before, Files.readAllBytes(failing));
    }

    @Test
    void missingNotebookIsOneLineError() throws Exception {
        Path missing = root.resolve("no-such.ipynb");

        JupyterFixture.CommandResult run = runNotebooks("--in-place", missing.toString());

        assertEquals(2, run.exitCode(), run.output());
        assertEquals("run_notebooks: notebook not found: " + missing, run.output().strip());
    }

    @Test
    void missingKernelspecNamesSetup() throws Exception {
        Path notebook = jupyter.writeNotebook(root.resolve("no-kernel"), "any", List.of("1"));

        JupyterFixture.CommandResult run = runNotebooks("--in-place", "--kernel", "no-such-kernel", notebook.toString());

        assertEquals(2, run.exitCode(), run.output());
        assertEquals("run_notebooks: Jupyter kernelspec 'no-such-kernel' not found; run environment/setup to install it",
                run.output().strip());
        assertFalse(run.output().contains("Traceback"), run.output());
    }
}
