package org.pmpo4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs small notebooks through nbclient and the shaded kernel jar, as Jupyter does, and checks
 * outputs, errors, interrupts and shutdown.
 */
class KernelIT {

    @TempDir
    static Path root;

    private static JupyterFixture jupyter;
    private static Path driver;

    @BeforeAll
    static void installKernelspec() throws IOException, InterruptedException, URISyntaxException {
        jupyter = new JupyterFixture(root);
        JupyterFixture.requireJupyter(jupyter);
        driver = Path.of(KernelIT.class.getResource("/execute_notebook.py").toURI());
    }

    /** What execute_notebook.py reported about one run. */
    private record Run(JsonObject result) {

        boolean ok() {
            return result.get("status").getAsString().equals("ok");
        }

        JsonObject error() {
            return result.getAsJsonObject("error");
        }

        JsonArray outputs(int cell) {
            return result.getAsJsonArray("cells").get(cell).getAsJsonObject().getAsJsonArray("outputs");
        }

        /** Returns the outputs of {@code cell} whose output_type is {@code type}. */
        List<JsonObject> outputs(int cell, String type) {
            List<JsonObject> found = new ArrayList<>();
            for (JsonElement output : outputs(cell)) {
                if (output.getAsJsonObject().get("output_type").getAsString().equals(type)) {
                    found.add(output.getAsJsonObject());
                }
            }
            return found;
        }

        /** Returns the text that {@code cell} wrote to the stream {@code name} (stdout or stderr). */
        String stream(int cell, String name) {
            StringBuilder text = new StringBuilder();
            for (JsonObject output : outputs(cell, "stream")) {
                if (output.get("name").getAsString().equals(name)) {
                    text.append(output.get("text").getAsString());
                }
            }
            return text.toString();
        }

        /** Returns the single error output of {@code cell}. */
        JsonObject errorOutput(int cell) {
            List<JsonObject> errors = outputs(cell, "error");
            assertEquals(1, errors.size(), "error outputs of cell " + cell + ": " + errors);
            return errors.get(0);
        }

        /** Returns data of the MIME type {@code mime} in the execute_result of {@code cell}. */
        String result(int cell, String mime) {
            List<JsonObject> results = outputs(cell, "execute_result");
            assertEquals(1, results.size(), "execute_result outputs of cell " + cell + ": " + outputs(cell));
            JsonElement data = results.get(0).getAsJsonObject("data").get(mime);
            assertNotNull(data, "no " + mime + " in cell " + cell + ": " + results.get(0));
            return data.getAsString();
        }

        double seconds() {
            return result.get("seconds").getAsDouble();
        }
    }

    /**
     * Executes {@code cells} as a notebook named {@code name} and checks that the kernel exited
     * by itself afterwards: exit code 0 (jupyter_client kills a kernel that does not exit within
     * 5 s, which gives -9) and no process left that uses the test's runtime folder.
     */
    private static Run execute(String name, List<String> cells, String... options)
            throws IOException, InterruptedException {
        Path notebook = jupyter.writeNotebook(root.resolve("notebooks"), name, cells);
        Path resultFile = root.resolve(name + "-result.json");
        List<String> command = new ArrayList<>(List.of(JupyterFixture.PYTHON, driver.toString(),
                notebook.toString(), resultFile.toString()));
        command.addAll(List.of(options));

        JupyterFixture.CommandResult process = jupyter.run(command, Map.of(), 180);

        assertEquals(0, process.exitCode(), "execute_notebook.py failed:\n" + process.output());
        JsonObject result = new Gson().fromJson(Files.readString(resultFile), JsonObject.class);
        assertEquals(0, result.get("kernel_exit_code").getAsInt(), "kernel exit code; output:\n" + process.output());
        assertFalse(result.get("kernel_alive_after").getAsBoolean(), "kernel process still exists");
        assertEquals(List.of(), jupyter.processesUsingRuntimeDir());
        return new Run(result);
    }

    @Test
    void streamsStdoutAndStderr() throws Exception {
        Run run = execute("streams", List.of(
                "System.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");"));

        assertTrue(run.ok(), run.result().toString());
        assertEquals("to stdout\n", run.stream(0, "stdout"));
        assertEquals("to stderr\n", run.stream(0, "stderr"));
    }

    @Test
    void stateCarriesAcrossCells() throws Exception {
        Run run = execute("state", List.of(
                "int x = 21;",
                "String twice(int n) { return \"twice \" + 2 * n; }",
                "twice(x)"));

        assertTrue(run.ok(), run.result().toString());
        assertEquals(0, run.outputs(0).size());
        assertEquals("twice 42", run.result(2, "text/plain"));
    }

    @Test
    void workingDirectoryIsNotebookFolder() throws Exception {
        Run run = execute("cwd", List.of("System.out.println(Path.of(\"\").toAbsolutePath());"));

        assertEquals(root.resolve("notebooks").toRealPath() + "\n", run.stream(0, "stdout"));
    }

    @Test
    void compileErrorFailsRunAtItsCell() throws Exception {
        Run run = execute("compile-error", List.of(
                "int fine = 1;",
                "int other = 2;\nint broken = undefinedVar + 1;",
                "System.out.println(\"not reached\");"));

        assertFalse(run.ok());
        JsonObject error = run.error();
        assertEquals("CellExecutionError", error.get("type").getAsString());
        assertEquals(1, error.get("cell_index").getAsInt());
        assertEquals("CompilationException", error.get("ename").getAsString());
        String evalue = error.get("evalue").getAsString();
        assertTrue(evalue.startsWith("line 2: cannot find symbol"), evalue);
        assertTrue(evalue.contains("    int broken = undefinedVar + 1;"), evalue);
        assertEquals(0, run.outputs(2).size());
    }

    @Test
    void exceptionFailsRunWithItsClass() throws Exception {
        Run run = execute("exception", List.of(
                "void check(int n) { if (n > 1) throw new IllegalStateException(\"n too large: \" + n); }",
                "check(5);"));

        assertFalse(run.ok());
        JsonObject error = run.error();
        assertEquals(1, error.get("cell_index").getAsInt());
        assertEquals("IllegalStateException", error.get("ename").getAsString());
        assertEquals("n too large: 5", error.get("evalue").getAsString());

        JsonArray traceback = run.errorOutput(1).getAsJsonArray("traceback");
        assertEquals("java.lang.IllegalStateException: n too large: 5", traceback.get(0).getAsString());
        assertTrue(traceback.get(1).getAsString().contains(".check("), traceback.toString());
        assertFalse(traceback.toString().contains("org.pmpo4j.kernel"), traceback.toString());
        assertFalse(traceback.toString().contains("jdk.jshell"), traceback.toString());
    }

    @Test
    void kernelSurvivesExceptionAndErrors() throws Exception {
        Run run = execute("survival", List.of(
                "int kept = 7;\nthrow new IllegalArgumentException(\"first failure\");",
                "System.out.println(\"after exception, kept=\" + kept);",
                "{ List<long[]> hog = new ArrayList<>(); while (true) { hog.add(new long[1 << 20]); } }",
                "System.out.println(\"after OutOfMemoryError\");",
                "int deep(int n) { return deep(n + 1) + 1; }\ndeep(0)",
                "System.out.println(\"after StackOverflowError\");"),
                "--allow-errors");

        assertTrue(run.ok(), run.result().toString());
        assertEquals("IllegalArgumentException", run.errorOutput(0).get("ename").getAsString());
        assertEquals("after exception, kept=7\n", run.stream(1, "stdout"));

        JsonObject oom = run.errorOutput(2);
        assertEquals("UncaughtErrorException", oom.get("ename").getAsString());
        assertEquals("java.lang.OutOfMemoryError: Java heap space", oom.get("evalue").getAsString());
        assertEquals("after OutOfMemoryError\n", run.stream(3, "stdout"));

        JsonObject overflow = run.errorOutput(4);
        assertEquals("UncaughtErrorException", overflow.get("ename").getAsString());
        assertEquals("java.lang.StackOverflowError", overflow.get("evalue").getAsString());
        // The header line, StackTraces.MAX_FRAMES frames and one "... more frames" line.
        assertEquals(StackTraces.MAX_FRAMES + 2, overflow.getAsJsonArray("traceback").size());
        assertEquals("after StackOverflowError\n", run.stream(5, "stdout"));
    }

    private static BufferedImage decodePng(String base64) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64.strip())));
    }

    @Test
    void imagesRenderAsPng() throws Exception {
        Run run = execute("images", List.of(
                "new java.awt.image.BufferedImage(32, 16, java.awt.image.BufferedImage.TYPE_INT_ARGB)",
                "import org.knowm.xchart.*;\n"
                        + "XYChart chart = QuickChart.getChart(\"loss\", \"step\", \"loss\", \"pmpo\", "
                        + "new double[] {0, 1, 2}, new double[] {1.0, 0.5, 0.25});\nchart",
                "display(chart);\nSystem.out.println(java.awt.GraphicsEnvironment.isHeadless());"));

        assertTrue(run.ok(), run.result().toString());
        BufferedImage image = decodePng(run.result(0, "image/png"));
        assertEquals(32, image.getWidth());
        assertEquals(16, image.getHeight());

        // QuickChart draws 600 x 400 pixel charts.
        BufferedImage chart = decodePng(run.result(1, "image/png"));
        assertEquals(600, chart.getWidth());
        assertEquals(400, chart.getHeight());

        List<JsonObject> displayed = run.outputs(2, "display_data");
        assertEquals(1, displayed.size());
        assertEquals(600, decodePng(displayed.get(0).getAsJsonObject("data").get("image/png").getAsString()).getWidth());
        assertEquals("true\n", run.stream(2, "stdout"));
    }

    @Test
    void tablesawTableRendersAsHtml() throws Exception {
        Run run = execute("table", List.of(
                "import tech.tablesaw.api.*;\n"
                        + "IntColumn step = IntColumn.indexColumn(\"step\", 60, 0);\n"
                        + "StringColumn note = StringColumn.create(\"note\");\n"
                        + "for (int i = 0; i < 60; i++) { note.append(i == 0 ? \"<b>first</b> & co\" : \"row \" + i); }\n"
                        + "Table.create(\"runs\", step, note)",
                "html(\"<i>raw</i>\");\nmarkdown(\"**bold**\");"));

        assertTrue(run.ok(), run.result().toString());
        String html = run.result(0, "text/html");
        assertTrue(html.contains("<th>step</th><th>note</th>"), html);
        assertTrue(html.contains("<td>&lt;b&gt;first&lt;/b&gt; &amp; co</td>"), html);
        assertTrue(html.contains("showing " + TablesawHtml.MAX_ROWS + " of 60 rows"), html);
        assertFalse(html.contains("row 59"), html);
        assertTrue(run.result(0, "text/plain").contains("runs"), run.result(0, "text/plain"));

        List<JsonObject> displayed = run.outputs(1, "display_data");
        assertEquals(2, displayed.size());
        assertEquals("<i>raw</i>", displayed.get(0).getAsJsonObject("data").get("text/html").getAsString());
        assertEquals("**bold**", displayed.get(1).getAsJsonObject("data").get("text/markdown").getAsString());
    }

    @Test
    void interruptFailsSleepingCell() throws Exception {
        Run run = execute("interrupt-sleep", List.of(
                "System.out.println(\"sleeping\");\nThread.sleep(120_000);",
                "System.out.println(\"not reached\");"),
                "--timeout", "2", "--interrupt-on-timeout");

        assertFalse(run.ok());
        JsonObject error = run.error();
        assertEquals("CellExecutionError", error.get("type").getAsString());
        assertEquals(0, error.get("cell_index").getAsInt());
        assertEquals("CellInterruptedException", error.get("ename").getAsString());
        assertEquals("the cell was interrupted and threw java.lang.InterruptedException: sleep interrupted",
                error.get("evalue").getAsString());
        assertEquals("sleeping\n", run.stream(0, "stdout"));
        // A 2 s timeout, then the interrupt; the 120 s sleep must not run out.
        assertTrue(run.seconds() < 30, "run took " + run.seconds() + " s");
    }

    @Test
    void interruptStopsBusyLoopAndKernelGoesOn() throws Exception {
        Run run = execute("interrupt-busy", List.of(
                "long spins = 0;\nwhile (true) { spins++; }",
                "System.out.println(\"spun: \" + (spins > 0));"),
                "--timeout", "2", "--interrupt-on-timeout", "--allow-errors");

        assertTrue(run.ok(), run.result().toString());
        JsonObject error = run.errorOutput(0);
        assertEquals("CellInterruptedException", error.get("ename").getAsString());
        assertTrue(error.get("evalue").getAsString().contains("stopped with Thread.stop()"),
                error.get("evalue").getAsString());
        assertEquals("spun: true\n", run.stream(1, "stdout"));
        assertTrue(run.seconds() < 30, "run took " + run.seconds() + " s");
    }

    @Test
    void shutdownLeavesNoJavaProcess() throws Exception {
        Run run = execute("shutdown", List.of(
                "Thread keeper = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } });\n"
                        + "keeper.start();"));

        // execute() already checked the exit code and the process table; a non-daemon thread
        // that a cell started must not keep the kernel JVM alive.
        assertTrue(run.ok(), run.result().toString());
        assertEquals(List.of(), jupyter.processesUsingRuntimeDir());
    }
}
