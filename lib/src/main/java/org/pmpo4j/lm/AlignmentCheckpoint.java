package org.pmpo4j.lm;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.pmpo4j.text.FeedbackJsonl;
import org.pmpo4j.text.LabelledCompletion;
import org.pmpo4j.training.StrictAdam;

/**
 * Checkpoints of an {@link Alignment} run, in the folder layout of {@link Checkpoints}: π_θ's parameters, Adam's
 * moments, π_ref's parameters when it was refreshed, the prompt order's position, the progress rows and the
 * feedback rows so far. Every random draw of a step is seeded by the step number, so this is the whole state, and a
 * run resumed from a checkpoint ends with the same table as an uninterrupted one. Checkpoints are written only at
 * evaluation rows, where no training statistics are pending.
 */
final class AlignmentCheckpoint {

    private static final int KEPT_CHECKPOINTS = 2;
    private static final String REFERENCE = "reference.ndlist";
    private static final String ROWS = "progress.txt";
    private static final String FEEDBACK = "feedback.jsonl";

    private AlignmentCheckpoint() {
    }

    /**
     * Saved state of a run.
     *
     * @param step steps done
     * @param epoch prompt order's epoch
     * @param cursor prompt order's position within the epoch
     * @param frozen whether the policy was frozen after an unstable step
     * @param updates Adam updates done, which is the step count minus frozen steps
     * @param reference whether π_ref was a copy of π_θ rather than the base model
     * @param rows progress rows as saved by {@link ProgressRows#rowValues()}
     * @param feedback labelled completions so far
     */
    record State(int step, int epoch, int cursor, boolean frozen, int updates, boolean reference, List<double[]> rows,
            List<LabelledCompletion> feedback) {
    }

    /** Writes a checkpoint of the run at {@code step}. */
    static void write(Path directory, AlignmentConfig config, State state, TransformerLm policy,
            StrictAdam optimizer, TransformerLm reference) {
        NDList moments = Checkpoints.moments(policy.parameterNames(), optimizer);
        Properties properties = new Properties();
        properties.setProperty("step", Integer.toString(state.step()));
        properties.setProperty("epoch", Integer.toString(state.epoch()));
        properties.setProperty("cursor", Integer.toString(state.cursor()));
        properties.setProperty("frozen", Boolean.toString(state.frozen()));
        properties.setProperty("updates", Integer.toString(state.updates()));
        properties.setProperty("reference", Boolean.toString(state.reference()));
        properties.setProperty("config", config.toString());

        Map<String, byte[]> extra = new LinkedHashMap<>();
        extra.put(ROWS, encodeRows(state.rows()));
        extra.put(FEEDBACK, encodeFeedback(directory, state.feedback()));
        if (state.reference()) {
            extra.put(REFERENCE, encode(reference.parameters()));
        }
        try {
            Checkpoints.write(directory, state.step(), policy.parameters(), moments, properties, extra,
                    KEPT_CHECKPOINTS);
        } finally {
            moments.close();
        }
    }

    /** Returns the step of the newest checkpoint in {@code directory}, if any. */
    static OptionalInt latestStep(Path directory) {
        return Checkpoints.latestStep(directory);
    }

    /**
     * Reads the newest checkpoint into {@code policy}, {@code optimizer} and, when π_ref was refreshed,
     * {@code reference}, and returns the rest of the state.
     *
     * @throws IllegalArgumentException if the checkpoint was written with another configuration
     */
    static State read(Path directory, int step, AlignmentConfig config, TransformerLm policy, StrictAdam optimizer,
            TransformerLm reference, NDManager manager) {
        Properties properties = Checkpoints.readState(directory, step);
        String saved = properties.getProperty("config");
        if (!config.toString().equals(saved)) {
            throw new IllegalArgumentException("checkpoint in " + directory + " has config " + saved
                    + ", but this run has " + config + "; resume with the settings of the interrupted run or use an"
                    + " empty folder");
        }
        boolean refreshed = Boolean.parseBoolean(properties.getProperty("reference"));
        try (NDManager loading = manager.newSubManager()) {
            policy.loadParameters(Checkpoints.readArrays(directory, step, Checkpoints.PARAMETERS, loading));
            Checkpoints.restoreMoments(Checkpoints.readArrays(directory, step, Checkpoints.OPTIMIZER, loading),
                    optimizer);
            if (refreshed) {
                reference.loadParameters(decode(Checkpoints.readBytes(directory, step, REFERENCE), loading));
            }
        }
        List<double[]> rows = decodeRows(Checkpoints.readBytes(directory, step, ROWS));
        Path feedbackFile = Checkpoints.folder(directory, step).resolve(FEEDBACK);
        List<LabelledCompletion> feedback = FeedbackJsonl.read(feedbackFile);
        return new State(step, Integer.parseInt(properties.getProperty("epoch")),
                Integer.parseInt(properties.getProperty("cursor")),
                Boolean.parseBoolean(properties.getProperty("frozen")),
                Integer.parseInt(properties.getProperty("updates")), refreshed, rows, feedback);
    }

    /** Encodes rows as one line of numbers each; Double.toString and parseDouble round-trip every value. */
    private static byte[] encodeRows(List<double[]> rows) {
        StringBuilder text = new StringBuilder();
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(i == 0 ? "" : " ").append(row[i]);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<double[]> decodeRows(byte[] content) {
        List<double[]> rows = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(" ");
            double[] row = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                row[i] = Double.parseDouble(fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static byte[] encodeFeedback(Path directory, List<LabelledCompletion> feedback) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".feedback", ".jsonl");
            try {
                FeedbackJsonl.write(temporary, feedback);
                return Files.readAllBytes(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode the feedback rows in " + directory, e);
        }
    }

    private static byte[] encode(NDList arrays) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            arrays.encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode the reference parameters in memory", e);
        }
        return bytes.toByteArray();
    }

    private static NDList decode(byte[] content, NDManager manager) {
        try {
            return NDList.decode(manager, new ByteArrayInputStream(content));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the reference parameters of the checkpoint cannot be decoded; delete"
                    + " the checkpoint folder and rerun", e);
        }
    }
}
