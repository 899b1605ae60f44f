package org.pmpo4j.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -jar pmpo4j-kernel.jar CONNECTION_FILE}.
 *
 * <p>Jupyter writes the connection file and passes its path as {@code {connection_file}} in
 * kernel.json. The environment variable {@value #CLASSPATH_VARIABLE} lists the notebook's
 * jars and class folders, separated by the platform's path separator ({@code :} on Linux).
 */
public final class KernelMain {

    /** Environment variable with the classpath that cells compile and run against. */
    public static final String CLASSPATH_VARIABLE = "PMPO4J_CLASSPATH";

    /** Exit status for a missing or unreadable connection file. */
    static final int EXIT_USAGE = 2;

    static {
        // One line per record; must be set before JUL creates its console handler.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "[pmpo4j-kernel] %4$s: %5$s%6$s%n");
        }
    }

    private static final Logger LOG = Logger.getLogger(KernelMain.class.getName());

    // Strong reference: JUL keeps loggers weakly, and a collected logger loses its level.
    private static final Logger KERNEL_LOGGER = Logger.getLogger("org.pmpo4j.kernel");

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar pmpo4j-kernel.jar CONNECTION_FILE "
                    + "(Jupyter passes the file as {connection_file} from kernel.json)");
            System.exit(EXIT_USAGE);
        }
        Path connectionFile = Path.of(args[0]);
        String connectionJson;
        try {
            connectionJson = Files.readString(connectionFile);
        } catch (IOException e) {
            System.err.println("pmpo4j kernel: cannot read the connection file " + connectionFile + ": " + e
                    + "; start the kernel through Jupyter, which writes that file");
            System.exit(EXIT_USAGE);
            return;
        }
        configureLogging();

        long startNanos = System.nanoTime();
        List<Path> classpath = parseClasspath(System.getenv(CLASSPATH_VARIABLE));
        JavaKernel kernel = new JavaKernel(classpath);
        JupyterConnection connection = new JupyterConnection(KernelConnectionProperties.parse(connectionJson));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        LOG.info(() -> String.format("started on Java %s in %.1f s; classpath entries: %d",
                Runtime.version(), (System.nanoTime() - startNanos) / 1e9, classpath.size()));

        connection.waitUntilClose();
        LOG.fine("connection closed; exiting");
        // Threads that cells started (AWT, DJL, executors) would otherwise keep the JVM alive.
        System.exit(0);
    }

    /**
     * Splits {@code value} at the platform path separator into paths, skipping empty entries.
     * A missing entry is kept, so a later build can create it, but logged as a warning.
     */
    static List<Path> parseClasspath(String value) {
        List<Path> entries = new ArrayList<>();
        if (value == null) {
            return entries;
        }
        for (String part : value.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            Path entry = Path.of(part.strip());
            if (!Files.exists(entry)) {
                LOG.warning(() -> CLASSPATH_VARIABLE + " entry not found: " + entry
                        + "; run environment/setup to rebuild the library and its classpath");
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Sets the root logger to WARNING, which silences the base kernel's INFO lines about its
     * socket loops, and keeps this kernel's own start and stop lines at INFO.
     */
    private static void configureLogging() {
        Logger.getLogger("").setLevel(Level.WARNING);
        KERNEL_LOGGER.setLevel(Level.INFO);
    }
}
