package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.pmpo4j.training.GradientScope;
import org.pmpo4j.training.NativeArrays;
import org.pmpo4j.training.StrictAdam;
import org.pmpo4j.training.TorchThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrains a {@link TransformerLm} by next-token cross-entropy on a packed token stream, with
 * {@link StrictAdam}, progress log lines, held-out perplexity and resumable checkpoints.
 *
 * <p>Each step takes {@code batchSize} windows of C + 1 tokens (C the context length) in the order of
 * {@link DataOrder}, feeds the first C tokens and scores the next token at every position:
 * loss = −mean_{b,t} log π(x_{b,t+1} | x_{b,≤t}).
 *
 * <p>A checkpoint contains the parameters, Adam's moments, the step and the data-order position. Adam's step
 * count is restored through {@code optBeginNumUpdate}. Everything else in a step is a function of these, so
 * a run resumed from a checkpoint ends with the same parameters, bit for bit, as an uninterrupted run in the
 * same environment (same libtorch build and thread count); tested in-process and across a killed child JVM.
 */
public final class Pretrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pretrainer.class);
    private static final int KEPT_CHECKPOINTS = 2;

    private final TransformerConfig modelConfig;
    private final PretrainConfig config;
    private final int[] tokens;
    private final Path checkpointDirectory;
    private final TransformerLm model;
    private final StrictAdam optimizer;
    private final DataOrder order;
    private int step;
    private double lastTokensPerSecond = Double.NaN;

    private Pretrainer(TransformerConfig modelConfig, PretrainConfig config, int[] tokens, Path checkpointDirectory,
            TransformerLm model, StrictAdam optimizer, DataOrder order, int step) {
        this.modelConfig = modelConfig;
        this.config = config;
        this.tokens = tokens;
        this.checkpointDirectory = checkpointDirectory;
        this.model = model;
        this.optimizer = optimizer;
        this.order = order;
        this.step = step;
    }

    /**
     * Starts a run from freshly initialised parameters.
     *
     * @param tokens packed training token stream, at least C + 1 ids, each in [0, V)
     * @param checkpointDirectory folder for checkpoints, or null to write none
     */
    public static Pretrainer start(NDManager parent, TransformerConfig modelConfig, PretrainConfig config,
            int[] tokens, Path checkpointDirectory) {
        int windows = windowCount(tokens, modelConfig);
        TransformerLm model = TransformerLm.create(parent, modelConfig, config.seed());
        StrictAdam optimizer = StrictAdam.builder().learningRate(config.learningRate()).build();
        DataOrder order = new DataOrder(config.seed(), windows, 0, 0);
        return new Pretrainer(modelConfig, config, tokens, checkpointDirectory, model, optimizer, order, 0);
    }

    /**
     * Continues a run from the newest checkpoint in {@code checkpointDirectory}, or starts one if it contains
     * none. The configurations and tokens must be those of the interrupted run.
     *
     * @throws IllegalArgumentException if the checkpoint was written with another model configuration or seed
     */
    public static Pretrainer resume(NDManager parent, TransformerConfig modelConfig, PretrainConfig config,
            int[] tokens, Path checkpointDirectory) {
        OptionalInt latest = Checkpoints.latestStep(checkpointDirectory);
        if (latest.isEmpty()) {
            LOG.info("no checkpoint in {}; starting a new run", checkpointDirectory);
            return start(parent, modelConfig, config, tokens, checkpointDirectory);
        }
        int step = latest.getAsInt();
        Properties state = Checkpoints.readState(checkpointDirectory, step);
        requireMatch(state, "modelConfig", modelConfig.toString(), checkpointDirectory);
        requireMatch(state, "seed", Long.toString(config.seed()), checkpointDirectory);
        int windows = windowCount(tokens, modelConfig);
        requireMatch(state, "windows", Integer.toString(windows), checkpointDirectory);

        TransformerLm model = TransformerLm.create(parent, modelConfig, config.seed());
        StrictAdam optimizer = StrictAdam.builder().learningRate(config.learningRate()).optBeginNumUpdate(step)
                .build();
        try (NDManager loading = parent.newSubManager()) {
            model.loadParameters(Checkpoints.readArrays(checkpointDirectory, step, Checkpoints.PARAMETERS, loading));
            Checkpoints.restoreMoments(
                    Checkpoints.readArrays(checkpointDirectory, step, Checkpoints.OPTIMIZER, loading), optimizer);
        }
        DataOrder order = new DataOrder(config.seed(), windows, Integer.parseInt(state.getProperty("epoch")),
                Integer.parseInt(state.getProperty("cursor")));
        LOG.info("resumed pretraining at step {} from {}", step, checkpointDirectory);
        return new Pretrainer(modelConfig, config, tokens, checkpointDirectory, model, optimizer, order, step);
    }

    /** Trains until {@code config.steps()} steps are done. */
    public void train() {
        trainUntil(config.steps());
    }

    /**
     * Trains until {@code lastStep} steps are done (capped at {@code config.steps()}), logging every
     * {@code logInterval} steps and checkpointing every {@code checkpointInterval} steps and at the last step.
     */
    public void trainUntil(int lastStep) {
        int target = Math.min(lastStep, config.steps());
        if (step < target) {
            LOG.info("pretraining steps {} to {} of {}: {} parameters, batch {} x {} tokens", step + 1, target,
                    config.steps(), model.parameterCount(), config.batchSize(), modelConfig.contextLength());
        }
        long intervalStart = System.nanoTime();
        int intervalSteps = 0;
        double intervalLoss = 0;
        while (step < target) {
            intervalLoss += trainStep();
            intervalSteps++;
            if (step % config.logInterval() == 0 || step == config.steps()) {
                double seconds = (System.nanoTime() - intervalStart) / 1e9;
                lastTokensPerSecond = (double) intervalSteps * config.batchSize() * modelConfig.contextLength()
                        / seconds;
                LOG.info(String.format("step %d/%d loss %.4f tokens/s %.0f", step, config.steps(),
                        intervalLoss / intervalSteps, lastTokensPerSecond));
                intervalStart = System.nanoTime();
                intervalSteps = 0;
                intervalLoss = 0;
            }
            if (checkpointDirectory != null
                    && (step % config.checkpointInterval() == 0 || step == config.steps())) {
                saveCheckpoint();
            }
        }
    }

    /** Takes one optimizer step and returns its loss, the mean next-token cross-entropy in nats. */
    public double trainStep() {
        TorchThreads.useLanguageModelThreads();
        int batch = config.batchSize();
        int length = modelConfig.contextLength();
        int[] inputs = new int[batch * length];
        int[] targets = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            int offset = order.next() * length;
            System.arraycopy(tokens, offset, inputs, b * length, length);
            System.arraycopy(tokens, offset + 1, targets, b * length, length);
        }

        double loss;
        NDList parameters = model.parameters();
        try (GradientScope paused = GradientScope.paused()) {
            try (NDManager stepManager = parameters.get(0).getManager().newSubManager()) {
                NDArray inputArray = stepManager.create(inputs, new Shape(batch, length)); // (B, C)
                NDArray targetArray = stepManager.create(targets, new Shape(batch, length)); // (B, C)
                try (GradientScope scope = new GradientScope()) {
                    NDArray lossArray = crossEntropy(model.forward(inputArray), targetArray); // ()
                    loss = lossArray.toType(DataType.FLOAT64, false).getDouble();
                    scope.backward(lossArray);
                }
            }
            // Adam's moments are created on the parameters' own manager, so the update runs after the step's
            // arrays are freed.
            model.applyGradients(optimizer);
        }
        step++;
        return loss;
    }

    /**
     * Computes exp(mean next-token cross-entropy) over the windows of C + 1 tokens of {@code heldOut}, in
     * batches of {@code batchSize} windows.
     *
     * @throws IllegalArgumentException if {@code heldOut} has fewer than C + 1 tokens
     */
    public double perplexity(int[] heldOut, int batchSize) {
        return perplexity(model, heldOut, batchSize);
    }

    /** Computes the held-out perplexity of any model; see {@link #perplexity(int[], int)}. */
    public static double perplexity(TransformerLm model, int[] heldOut, int batchSize) {
        TorchThreads.useLanguageModelThreads();
        int length = model.config().contextLength();
        int windows = windowCount(heldOut, model.config());
        double total = 0;
        try (GradientScope paused = GradientScope.paused()) {
            for (int first = 0; first < windows; first += batchSize) {
                int batch = Math.min(batchSize, windows - first);
                int[] inputs = new int[batch * length];
                int[] targets = new int[batch * length];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(heldOut, (first + b) * length, inputs, b * length, length);
                    System.arraycopy(heldOut, (first + b) * length + 1, targets, b * length, length);
                }
                try (NDManager manager = model.parameters().get(0).getManager().newSubManager()) {
                    NDArray inputArray = manager.create(inputs, new Shape(batch, length)); // (B, C)
                    NDArray targetArray = manager.create(targets, new Shape(batch, length)); // (B, C)
                    NDArray loss = crossEntropy(model.forward(inputArray), targetArray); // ()
                    total += loss.toType(DataType.FLOAT64, false).getDouble() * batch;
                }
            }
        }
        return StrictMath.exp(total / windows);
    }

    /** Writes a checkpoint of the current step to the checkpoint folder. */
    public void saveCheckpoint() {
        if (checkpointDirectory == null) {
            throw new IllegalStateException("this run has no checkpoint folder; pass one to start or resume");
        }
        NDList moments = Checkpoints.moments(model.parameterNames(), optimizer);
        Properties state = new Properties();
        state.setProperty("step", Integer.toString(step));
        state.setProperty("epoch", Integer.toString(order.epoch()));
        state.setProperty("cursor", Integer.toString(order.cursor()));
        state.setProperty("seed", Long.toString(config.seed()));
        state.setProperty("windows", Integer.toString(order.windowCount()));
        state.setProperty("modelConfig", modelConfig.toString());
        try {
            Checkpoints.write(checkpointDirectory, step, model.parameters(), moments, state, KEPT_CHECKPOINTS);
        } finally {
            moments.close();
        }
        LOG.info("wrote checkpoint of step {} to {}", step, checkpointDirectory);
    }

    /** Returns the number of steps done. */
    public int step() {
        return step;
    }

    /** Returns the model being trained; it stays owned by this pretrainer. */
    public TransformerLm model() {
        return model;
    }

    /** Returns the training tokens per second over the last logged interval, or NaN before the first. */
    public double lastTokensPerSecond() {
        return lastTokensPerSecond;
    }

    /** Frees the model and the optimizer state. */
    @Override
    public void close() {
        optimizer.close();
        model.close();
    }

    /**
     * Packs tokenized documents into one stream for pretraining: each document becomes {@code bosId}, its ids and
     * {@code eosId}, so the model learns where texts start and end.
     */
    public static int[] packDocuments(List<int[]> documents, int bosId, int eosId) {
        int length = 0;
        for (int[] document : documents) {
            length += document.length + 2;
        }
        int[] stream = new int[length];
        int next = 0;
        for (int[] document : documents) {
            stream[next++] = bosId;
            System.arraycopy(document, 0, stream, next, document.length);
            next += document.length;
            stream[next++] = eosId;
        }
        return stream;
    }

    /** Returns −mean log π(target) over all positions, a scalar. */
    static NDArray crossEntropy(NDArray logits, NDArray targets) {
        NDArray logProbs = logits.logSoftmax(-1); // (B, C, V)
        // gather's backward pass reads the indices, so they are copied out of any Java buffer behind targets.
        NDArray index = NativeArrays.copyAs(targets, DataType.INT64).expandDims(2); // (B, C, 1)
        return logProbs.gather(index, 2).mean().neg(); // ()
    }

    private static int windowCount(int[] tokens, TransformerConfig modelConfig) {
        int length = modelConfig.contextLength();
        if (tokens == null || tokens.length < length + 1) {
            throw new IllegalArgumentException("the token stream must hold at least contextLength + 1 = "
                    + (length + 1) + " ids, got " + (tokens == null ? 0 : tokens.length)
                    + "; pass a longer corpus or a smaller context length");
        }
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= modelConfig.vocabularySize()) {
                throw new IllegalArgumentException("token " + i + " of the stream is " + tokens[i]
                        + ", outside [0, " + modelConfig.vocabularySize() + "); tokenize with the model's vocabulary");
            }
        }
        return (tokens.length - 1) / length;
    }

    private static void requireMatch(Properties state, String key, String expected, Path directory) {
        String saved = state.getProperty(key);
        if (!expected.equals(saved)) {
            throw new IllegalArgumentException("checkpoint in " + directory + " has " + key + " " + saved
                    + ", but this run has " + expected + "; resume with the settings of the interrupted run"
                    + " or use an empty folder");
        }
    }
}
