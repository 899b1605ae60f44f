package org.pmpo4j.experiment;

import ai.djl.engine.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Provenance of a result file: the library versions on the classpath, the Java runtime, the machine and the git
 * commit of the checkout. None of it depends on the time of the run, so the same seed at the same commit on the same
 * machine gives the same file. The machine is recorded because PyTorch's CPU kernels round differently on CPUs with
 * other vector instructions, and training amplifies a last-bit difference into different final values.
 */
public final class Provenance {

    private static final String[][] ARTIFACTS = {
        {"org.pmpo4j", "pmpo4j"},
        {"tech.tablesaw", "tablesaw-core"},
        {"org.knowm.xchart", "xchart"},
        {"org.apache.commons", "commons-math3"},
    };

    private Provenance() {
    }

    /**
     * Adds the provenance lines to a result file's header: {@code version/NAME} for each of {@link #libraryVersions()},
     * {@code machine/cpu} and {@code machine/processors} from {@link #machine()}, and {@code git}.
     */
    public static void addTo(Map<String, String> header) {
        libraryVersions().forEach((library, version) -> header.put("version/" + library, version));
        machine().forEach((key, value) -> header.put("machine/" + key, value));
        header.put("git", gitCommit());
    }

    /**
     * Returns the CPU model (the first {@code model name} of /proc/cpuinfo, or the architecture where that file is
     * missing) and the number of processors available to the JVM.
     */
    public static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel(Path.of("/proc/cpuinfo")));
        machine.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return machine;
    }

    static String cpuModel(Path cpuInfo) {
        try (Stream<String> lines = Files.lines(cpuInfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    /** Returns artifact versions, the PyTorch native version and the Java version, in a fixed order. */
    public static Map<String, String> libraryVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String[] artifact : ARTIFACTS) {
            versions.put(artifact[1], artifactVersion(artifact[0], artifact[1]));
        }
        // DJL's jars carry no Maven metadata, so their version comes from DJL itself.
        versions.put("djl", Engine.getDjlVersion());
        versions.put("pytorch", Engine.getEngine("PyTorch").getVersion());
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    /**
     * Returns the commit of the checkout, with {@code -dirty} appended when tracked sources under lib/, environment/
     * or pom.xml differ from it; results and executed notebooks are left out of that check because running the
     * notebooks rewrites them.
     */
    public static String gitCommit() {
        Path root;
        try {
            root = ProjectRoot.find();
        } catch (IllegalStateException e) {
            return "unknown (not run from a checkout)";
        }
        List<String> head = runGit(root, "rev-parse", "HEAD");
        if (head.isEmpty()) {
            return "unknown (git unavailable)";
        }
        List<String> changes = runGit(root, "status", "--porcelain", "--untracked-files=no", "--",
                "lib", "environment", "pom.xml");
        return changes.isEmpty() ? head.get(0) : head.get(0) + "-dirty";
    }

    private static String artifactVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> runGit(Path root, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(root.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return List.of();
            }
            return output.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
