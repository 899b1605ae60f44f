package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pmpo4j.training.StrictAdam;

/**
 * Pretraining checkpoints in a folder, one subfolder {@code step-NNNNNNNN} per checkpoint holding
 * {@code parameters.ndlist} and {@code optimizer.ndlist} (DJL's NDList encoding, which keeps every bit) and
 * {@code state.properties} (step, data order, seed, configuration).
 *
 * <p>A checkpoint is written into a hidden temporary folder, each file is flushed to disk, and the folder is
 * then renamed in one atomic move, so a process killed at any point leaves either a complete checkpoint or
 * none. Temporary folders left by a killed process are ignored and deleted by the next write.
 */
final class Checkpoints {

    static final String PARAMETERS = "parameters.ndlist";
    static final String OPTIMIZER = "optimizer.ndlist";
    static final String STATE = "state.properties";
    private static final Pattern NAME = Pattern.compile("step-(\\d{8})");
    private static final String TEMPORARY_PREFIX = ".writing-";

    private Checkpoints() {
    }

    /** Returns the folder name of the checkpoint at {@code step}. */
    static Path folder(Path directory, int step) {
        return directory.resolve(String.format("step-%08d", step));
    }

    /** Returns the highest step with a complete checkpoint in {@code directory}, if any. */
    static OptionalInt latestStep(Path directory) {
        List<Integer> steps = steps(directory);
        return steps.isEmpty() ? OptionalInt.empty() : OptionalInt.of(steps.get(steps.size() - 1));
    }

    /**
     * Writes a checkpoint atomically and deletes all but the newest {@code keep} checkpoints.
     *
     * @throws UncheckedIOException if a file cannot be written or the folder cannot be renamed
     */
    static void write(Path directory, int step, NDList parameters, NDList optimizer, Properties state, int keep) {
        write(directory, step, parameters, optimizer, state, java.util.Map.of(), keep);
    }

    /**
     * Writes a checkpoint with further files, each given by name and content, atomically, and deletes all but the
     * newest {@code keep} checkpoints.
     */
    static void write(Path directory, int step, NDList parameters, NDList optimizer, Properties state,
            java.util.Map<String, byte[]> extraFiles, int keep) {
        try {
            Files.createDirectories(directory);
            deleteTemporaryFolders(directory);
            Path temporary = directory.resolve(TEMPORARY_PREFIX + String.format("step-%08d", step));
            Files.createDirectory(temporary);
            writeSynced(temporary.resolve(PARAMETERS), out -> parameters.encode(out));
            writeSynced(temporary.resolve(OPTIMIZER), out -> optimizer.encode(out));
            writeSynced(temporary.resolve(STATE), out -> state.store(out, "pmpo4j training state"));
            for (java.util.Map.Entry<String, byte[]> extra : extraFiles.entrySet()) {
                writeSynced(temporary.resolve(extra.getKey()), out -> out.write(extra.getValue()));
            }

            Path target = folder(directory, step);
            if (Files.exists(target)) {
                // A resumed run can reach a step that an earlier run already saved; the newer write wins.
                deleteRecursively(target);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + directory + " cannot rename folders atomically;"
                        + " put checkpoints on a local disk", e);
            }
            syncDirectory(directory);

            List<Integer> steps = steps(directory);
            for (int i = 0; i < steps.size() - keep; i++) {
                deleteRecursively(folder(directory, steps.get(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write the checkpoint of step " + step + " to " + directory, e);
        }
    }

    /**
     * Copies Adam's moment estimates of the named parameters into a list, as {@code mean/NAME} followed by
     * {@code variance/NAME}; parameters that have had no update yet are skipped. The caller closes the list.
     */
    static NDList moments(List<String> parameterNames, StrictAdam optimizer) {
        NDList moments = new NDList();
        for (String name : parameterNames) {
            NDList pair = optimizer.moments(name);
            if (pair == null) {
                continue;
            }
            NDArray mean = pair.get(0).duplicate();
            NDArray variance = pair.get(1).duplicate();
            mean.setName("mean/" + name);
            variance.setName("variance/" + name);
            moments.add(mean);
            moments.add(variance);
        }
        return moments;
    }

    /**
     * Hands moments written by {@link #moments} back to {@code optimizer}. They are copied, so the optimizer keeps
     * them after the manager that decoded them is closed.
     */
    static void restoreMoments(NDList moments, StrictAdam optimizer) {
        for (int i = 0; i < moments.size(); i += 2) {
            String name = moments.get(i).getName().substring("mean/".length());
            optimizer.restoreMoments(name, moments.get(i).duplicate(), moments.get(i + 1).duplicate());
        }
    }

    /** Reads the arrays of one file of the checkpoint at {@code step}, attached to {@code manager}. */
    static NDList readArrays(Path directory, int step, String file, NDManager manager) {
        Path path = folder(directory, step).resolve(file);
        try (InputStream in = Files.newInputStream(path)) {
            return NDList.decode(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + path, e);
        }
    }

    /** Reads one file of the checkpoint at {@code step} as bytes. */
    static byte[] readBytes(Path directory, int step, String file) {
        Path path = folder(directory, step).resolve(file);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + path, e);
        }
    }

    /** Reads the state properties of the checkpoint at {@code step}. */
    static Properties readState(Path directory, int step) {
        Path path = folder(directory, step).resolve(STATE);
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            state.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + path, e);
        }
        return state;
    }

    private static List<Integer> steps(Path directory) {
        List<Integer> steps = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return steps;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Matcher matcher = NAME.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry)) {
                    steps.add(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to list checkpoints in " + directory, e);
        }
        steps.sort(Comparator.naturalOrder());
        return steps;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeSynced(Path path, Writer writer) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            writer.write(out);
            out.flush();
            channel.force(true);
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTemporaryFolders(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, TEMPORARY_PREFIX + "*")) {
            for (Path entry : entries) {
                deleteRecursively(entry);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
