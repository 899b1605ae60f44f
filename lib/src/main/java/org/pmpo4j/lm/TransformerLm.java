package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.pmpo4j.experiment.ResultFiles;
import org.pmpo4j.training.GradientScope;
import org.pmpo4j.training.NativeArrays;
import org.pmpo4j.training.StrictAdam;

/**
 * Decoder-only transformer language model in the GPT-2 layout: learned token and position embeddings,
 * L pre-LayerNorm blocks of causal multi-head self-attention and a GELU MLP, a final LayerNorm, and an
 * output layer tied to the token embedding.
 *
 * <p>Shape letters: B batch, T query positions, S key positions (T plus cached positions), V vocabulary,
 * D model width, H heads, E = D / H head width, F MLP width.
 *
 * <p>The model owns its parameters through a child of the manager passed to {@link #create}; close the
 * model to free them. {@link #forward} attaches every intermediate array to the manager of its input ids,
 * so callers free a step's arrays by creating the ids on a sub-manager and closing it.
 *
 * <p>Initialisation draws every weight on the host from a {@link SplittableRandom} seeded by the caller,
 * through Box–Muller with {@link StrictMath}, so a seed gives the same parameters on every run: weights
 * N(0, 0.02²), the two residual output projections N(0, (0.02/√(2L))²), biases 0, LayerNorm gains 1.
 */
public final class TransformerLm implements AutoCloseable {

    /** Standard deviation of the initial weights, as in GPT-2. */
    private static final double INIT_STD = 0.02;
    private static final float LAYER_NORM_EPSILON = 1e-5f;
    /** Name of the first array of a saved model, which contains the configuration's six sizes. */
    private static final String CONFIG_ENTRY = "config";

    private final TransformerConfig config;
    private final DataType dataType;
    private final boolean trainable;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;

    private TransformerLm(TransformerConfig config, DataType dataType, boolean trainable, NDManager manager,
            Map<String, NDArray> parameters) {
        this.config = config;
        this.dataType = dataType;
        this.trainable = trainable;
        this.manager = manager;
        this.parameters = parameters;
    }

    /** Creates a trainable float32 model whose parameters are drawn from {@code seed}. */
    public static TransformerLm create(NDManager parent, TransformerConfig config, long seed) {
        return create(parent, config, seed, DataType.FLOAT32);
    }

    /**
     * Creates a trainable model whose parameters are drawn from {@code seed}.
     *
     * @param dataType FLOAT32 for training, or FLOAT64 for finite-difference gradient checks
     * @throws IllegalArgumentException if an argument is null or the data type is neither of those
     */
    public static TransformerLm create(NDManager parent, TransformerConfig config, long seed, DataType dataType) {
        if (parent == null || config == null) {
            throw new IllegalArgumentException("parent manager and config must not be null; pass both");
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException(
                    "dataType must be FLOAT32 or FLOAT64, got " + dataType + "; use FLOAT32 for training");
        }
        NDManager manager = parent.newSubManager();
        Initializer init = new Initializer(manager, dataType, new SplittableRandom(seed));
        int d = config.modelWidth();
        int f = config.mlpWidth();
        double residualStd = INIT_STD / StrictMath.sqrt(2.0 * config.layerCount());

        Map<String, NDArray> parameters = new LinkedHashMap<>();
        parameters.put("tokenEmbedding", init.normal(INIT_STD, config.vocabularySize(), d)); // (V, D)
        parameters.put("positionEmbedding", init.normal(INIT_STD, config.contextLength(), d)); // (C, D)
        for (int layer = 0; layer < config.layerCount(); layer++) {
            String prefix = "layer" + layer + ".";
            parameters.put(prefix + "attentionNorm.gain", init.constant(1.0, d)); // (D)
            parameters.put(prefix + "attentionNorm.bias", init.constant(0.0, d)); // (D)
            parameters.put(prefix + "qkv.weight", init.normal(INIT_STD, d, 3 * d)); // (D, 3D)
            parameters.put(prefix + "qkv.bias", init.constant(0.0, 3 * d)); // (3D)
            parameters.put(prefix + "attentionOutput.weight", init.normal(residualStd, d, d)); // (D, D)
            parameters.put(prefix + "attentionOutput.bias", init.constant(0.0, d)); // (D)
            parameters.put(prefix + "mlpNorm.gain", init.constant(1.0, d)); // (D)
            parameters.put(prefix + "mlpNorm.bias", init.constant(0.0, d)); // (D)
            parameters.put(prefix + "mlpInput.weight", init.normal(INIT_STD, d, f)); // (D, F)
            parameters.put(prefix + "mlpInput.bias", init.constant(0.0, f)); // (F)
            parameters.put(prefix + "mlpOutput.weight", init.normal(residualStd, f, d)); // (F, D)
            parameters.put(prefix + "mlpOutput.bias", init.constant(0.0, d)); // (D)
        }
        parameters.put("finalNorm.gain", init.constant(1.0, d)); // (D)
        parameters.put("finalNorm.bias", init.constant(0.0, d)); // (D)

        parameters.forEach((name, array) -> {
            array.setName(name);
            array.setRequiresGradient(true);
        });
        return new TransformerLm(config, dataType, true, manager, parameters);
    }

    /**
     * Returns a frozen copy of the current parameters, owned by a new child of the same parent manager,
     * to serve as the reference policy π_ref. Later updates to this model do not change the copy.
     */
    public TransformerLm snapshot() {
        return copyInto(manager.getParentManager().newSubManager(), false);
    }

    /**
     * Returns a trainable copy of the current parameters, owned by a new child of {@code parent}, to serve as the
     * policy π_θ that starts at a pretrained model. Closing this model leaves the copy intact.
     */
    public TransformerLm trainableCopy(NDManager parent) {
        return copyInto(parent.newSubManager(), true);
    }

    private TransformerLm copyInto(NDManager copyManager, boolean trainableCopy) {
        Map<String, NDArray> copies = new LinkedHashMap<>();
        try (GradientScope paused = GradientScope.paused()) {
            parameters.forEach((name, array) -> {
                NDArray copy = array.duplicate();
                copy.attach(copyManager);
                copy.setName(name);
                if (trainableCopy) {
                    copy.setRequiresGradient(true);
                }
                copies.put(name, copy);
            });
        }
        return new TransformerLm(config, dataType, trainableCopy, copyManager, copies);
    }

    /**
     * Writes the configuration and parameters to {@code file} in DJL's NDList encoding, which keeps every bit,
     * atomically. {@link #load} reads it back.
     */
    public void save(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (NDManager encoding = manager.newSubManager()) {
            NDArray shape = encoding.create(new int[] {config.vocabularySize(), config.contextLength(),
                config.modelWidth(), config.layerCount(), config.headCount(), config.mlpWidth()}); // (6)
            shape.setName(CONFIG_ENTRY);
            NDList list = new NDList(shape);
            list.addAll(parameters());
            list.encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode the model parameters in memory", e);
        }
        ResultFiles.writeAtomically(file, bytes.toByteArray());
    }

    /**
     * Reads a trainable model written by {@link #save}, owned by a new child of {@code parent}.
     *
     * @throws IllegalArgumentException if the file is missing or was not written by {@link #save}
     */
    public static TransformerLm load(NDManager parent, Path file) {
        try (InputStream in = Files.newInputStream(file); NDManager decoding = parent.newSubManager()) {
            NDList list = NDList.decode(decoding, in);
            if (list.isEmpty() || !CONFIG_ENTRY.equals(list.get(0).getName())) {
                throw new IllegalArgumentException(file + " is not a model file written by TransformerLm.save;"
                        + " save the model again with TransformerLm.save");
            }
            int[] values = list.get(0).toIntArray();
            TransformerConfig config = new TransformerConfig(values[0], values[1], values[2], values[3], values[4],
                    values[5]);
            DataType dataType = list.get(1).getDataType();
            TransformerLm model = create(parent, config, 0, dataType);
            model.loadParameters(new NDList(list.subList(1, list.size())));
            return model;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file not found: " + file
                    + "; run the pretraining notebook first, which saves it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }
    }

    /** Returns the configuration. */
    public TransformerConfig config() {
        return config;
    }

    /** Returns the parameters' data type, FLOAT32 or FLOAT64. */
    public DataType dataType() {
        return dataType;
    }

    /** Returns whether the parameters carry gradients; false for a {@link #snapshot()}. */
    public boolean isTrainable() {
        return trainable;
    }

    /** Returns the parameter names in a fixed order, the order of {@link #parameters()}. */
    public List<String> parameterNames() {
        return Collections.unmodifiableList(new ArrayList<>(parameters.keySet()));
    }

    /** Returns the live parameters, not copies, in the order of {@link #parameterNames()}. */
    public NDList parameters() {
        return new NDList(parameters.values());
    }

    /**
     * Takes one optimizer step on every parameter with its accumulated gradient, then zeroes the gradients, because
     * PyTorch adds each backward pass into them. Call it with gradient recording paused.
     */
    void applyGradients(StrictAdam optimizer) {
        parameters.forEach((name, parameter) -> {
            try (NDArray gradient = parameter.getGradient()) {
                optimizer.update(name, parameter, gradient);
            }
            GradientScope.zero(parameter);
        });
    }

    /** Returns the number of scalar parameters. */
    public long parameterCount() {
        long count = 0;
        for (NDArray array : parameters.values()) {
            count += array.size();
        }
        return count;
    }

    /**
     * Overwrites every parameter, in place, with the array of the same name in {@code values}.
     *
     * @throws IllegalArgumentException if a name is missing or a shape differs
     */
    public void loadParameters(NDList values) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray value : values) {
            byName.put(value.getName(), value);
        }
        try (GradientScope paused = GradientScope.paused()) {
            for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
                NDArray value = byName.get(entry.getKey());
                if (value == null) {
                    throw new IllegalArgumentException("parameter " + entry.getKey()
                            + " is missing from the loaded arrays " + byName.keySet()
                            + "; load a checkpoint written by the same model configuration");
                }
                if (!value.getShape().equals(entry.getValue().getShape())) {
                    throw new IllegalArgumentException("parameter " + entry.getKey() + " has shape "
                            + entry.getValue().getShape() + ", but the loaded array has shape " + value.getShape()
                            + "; load a checkpoint written by the same model configuration");
                }
                // intern swaps the native tensor behind the parameter's Java object, so optimizers and callers
                // that hold the parameter see the loaded values; the copy keeps the loaded bits exactly.
                NDArray copy = NativeArrays.copyAs(value, dataType);
                copy.attach(manager);
                NDArray parameter = entry.getValue();
                parameter.intern(copy);
                if (trainable) {
                    parameter.setRequiresGradient(true);
                }
            }
        }
    }

    /**
     * Computes next-token logits for a batch of sequences that start at position 0.
     *
     * @param ids token ids, integer type, shape (B, T) with 1 ≤ T ≤ context length
     * @return logits, shape (B, T, V); entry (b, t) scores the token that follows position t
     */
    public NDArray forward(NDArray ids) {
        requireIds(ids);
        int batch = Math.toIntExact(ids.getShape().get(0));
        int length = Math.toIntExact(ids.getShape().get(1));
        NDManager target = ids.getManager();

        long[] positionValues = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                positionValues[b * length + t] = t;
            }
        }
        NDArray positions = NativeArrays.owned(target.create(positionValues, new Shape(batch, length))); // (B, T)
        NDArray bias = causalBias(target, length); // (1, 1, T, T)
        return forward(ids, positions, bias, null);
    }

    /**
     * Computes logits for T new positions, attending to the positions already in {@code cache} (if any) and
     * then storing the new keys and values in it.
     *
     * @param ids token ids, shape (B, T)
     * @param positions position index of each id, shape (B, T), each in [0, context length)
     * @param bias additive attention bias, 0 for visible keys and −∞ for hidden ones, shape (B or 1, 1, T, S)
     * @param cache keys and values of earlier positions, or null to attend only within {@code ids}
     * @return logits, shape (B, T, V)
     */
    NDArray forward(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
        NDManager target = ids.getManager();
        NDArray x = embed(ids, positions); // (B, T, D)
        for (int layer = 0; layer < config.layerCount(); layer++) {
            String prefix = "layer" + layer + ".";
            NDArray attentionInput = layerNorm(x, prefix + "attentionNorm"); // (B, T, D)
            x = x.add(attention(attentionInput, bias, cache, layer, prefix)); // (B, T, D)
            NDArray mlpInput = layerNorm(x, prefix + "mlpNorm"); // (B, T, D)
            x = x.add(mlp(mlpInput, prefix)); // (B, T, D)
        }
        NDArray normalized = layerNorm(x, "finalNorm"); // (B, T, D)
        NDArray outputWeight = parameter("tokenEmbedding").transpose(); // (D, V)
        outputWeight.attach(target);
        return normalized.matMul(outputWeight); // (B, T, V)
    }

    /**
     * Computes log π(completion | prompt) for each sequence: the sum of log π over the positions that
     * {@code completionMask} marks. See {@link CompletionLogProbs#sequenceLogProbs}.
     *
     * @param ids prompt followed by completion (and right padding), shape (B, T)
     * @param completionMask 1 on completion tokens, 0 on prompt and padding tokens, shape (B, T)
     * @return log-probabilities, shape (B)
     */
    public NDArray sequenceLogProbs(NDArray ids, NDArray completionMask) {
        return CompletionLogProbs.sequenceLogProbs(forward(ids), ids, completionMask);
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        manager.close();
    }

    NDArray parameter(String name) {
        return parameters.get(name);
    }

    /**
     * Returns an additive causal bias: 0 where key ≤ query, −∞ above the diagonal, shape (1, 1, T, T), in
     * PyTorch-owned memory.
     */
    NDArray causalBias(NDManager target, int length) {
        float[] values = new float[length * length];
        for (int query = 0; query < length; query++) {
            for (int key = query + 1; key < length; key++) {
                values[query * length + key] = Float.NEGATIVE_INFINITY;
            }
        }
        NDArray bias = target.create(values, new Shape(1, 1, length, length)); // (1, 1, T, T)
        return dataType == DataType.FLOAT32 ? NativeArrays.owned(bias) : bias.toType(dataType, false);
    }

    private void requireIds(NDArray ids) {
        Shape shape = ids.getShape();
        if (shape.dimension() != 2 || shape.get(0) < 1 || shape.get(1) < 1) {
            throw new IllegalArgumentException(
                    "ids must have shape (B, T) with B, T >= 1, got " + shape + "; add a batch axis with expandDims(0)");
        }
        if (shape.get(1) > config.contextLength()) {
            throw new IllegalArgumentException("sequence length " + shape.get(1) + " exceeds the context length "
                    + config.contextLength() + "; truncate the sequences to at most " + config.contextLength()
                    + " tokens");
        }
        if (!ids.getDataType().isInteger()) {
            throw new IllegalArgumentException(
                    "ids must have an integer data type, got " + ids.getDataType() + "; create them from int[][]");
        }
    }

    private NDArray embed(NDArray ids, NDArray positions) {
        // The embedding's backward pass reads the indices, so they are copied into PyTorch-owned memory even
        // when they already are int64 and could alias a caller's Java buffer.
        NDArray tokenIds = NativeArrays.copyAs(ids, DataType.INT64); // (B, T)
        NDArray positionIds = NativeArrays.copyAs(positions, DataType.INT64); // (B, T)
        NDArray tokens = tokenIds.getNDArrayInternal()
                .embedding(tokenIds, parameter("tokenEmbedding"), SparseFormat.DENSE)
                .singletonOrThrow(); // (B, T, D)
        NDArray placed = positionIds.getNDArrayInternal()
                .embedding(positionIds, parameter("positionEmbedding"), SparseFormat.DENSE)
                .singletonOrThrow(); // (B, T, D)
        return tokens.add(placed); // (B, T, D)
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        Shape normalized = new Shape(config.modelWidth());
        return x.getNDArrayInternal()
                .layerNorm(x, normalized, parameter(prefix + ".gain"), parameter(prefix + ".bias"),
                        LAYER_NORM_EPSILON)
                .singletonOrThrow(); // (B, T, D)
    }

    private NDArray attention(NDArray x, NDArray bias, KvCache cache, int layer, String prefix) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int heads = config.headCount();
        int headWidth = config.headWidth();

        NDArray qkv = x.matMul(parameter(prefix + "qkv.weight")).add(parameter(prefix + "qkv.bias")); // (B, T, 3D)
        NDList split = qkv.split(3, 2); // 3 × (B, T, D)
        NDArray query = toHeads(split.get(0), batch, length, heads, headWidth); // (B, H, T, E)
        NDArray key = toHeads(split.get(1), batch, length, heads, headWidth); // (B, H, T, E)
        NDArray value = toHeads(split.get(2), batch, length, heads, headWidth); // (B, H, T, E)
        if (cache != null) {
            key = cache.appendKeys(layer, key); // (B, H, S, E)
            value = cache.appendValues(layer, value); // (B, H, S, E)
        }

        NDArray scores = NativeArrays.divide(query.matMul(key.transpose(0, 1, 3, 2)), // (B, H, T, S)
                StrictMath.sqrt(headWidth))
                .add(bias);
        NDArray weights = scores.softmax(-1); // (B, H, T, S)
        NDArray mixed = weights.matMul(value) // (B, H, T, E)
                .transpose(0, 2, 1, 3)
                .reshape(batch, length, config.modelWidth()); // (B, T, D)
        return mixed.matMul(parameter(prefix + "attentionOutput.weight"))
                .add(parameter(prefix + "attentionOutput.bias")); // (B, T, D)
    }

    private static NDArray toHeads(NDArray x, long batch, long length, int heads, int headWidth) {
        return x.reshape(batch, length, heads, headWidth).transpose(0, 2, 1, 3); // (B, H, T, E)
    }

    private NDArray mlp(NDArray x, String prefix) {
        NDArray hidden = x.matMul(parameter(prefix + "mlpInput.weight"))
                .add(parameter(prefix + "mlpInput.bias")); // (B, T, F)
        NDArray activated = Activation.gelu(hidden); // (B, T, F)
        return activated.matMul(parameter(prefix + "mlpOutput.weight"))
                .add(parameter(prefix + "mlpOutput.bias")); // (B, T, D)
    }

    /**
     * Keys and values of the positions processed so far, per layer, for incremental decoding. The cache owns
     * its arrays through its own manager and frees the previous arrays each time it grows.
     */
    static final class KvCache implements AutoCloseable {
        private final NDManager manager;
        private final NDArray[] keys;
        private final NDArray[] values;

        KvCache(NDManager parent, int layerCount) {
            manager = parent.newSubManager();
            keys = new NDArray[layerCount];
            values = new NDArray[layerCount];
        }

        NDArray appendKeys(int layer, NDArray newKeys) {
            keys[layer] = append(keys[layer], newKeys);
            return keys[layer];
        }

        NDArray appendValues(int layer, NDArray newValues) {
            values[layer] = append(values[layer], newValues);
            return values[layer];
        }

        private NDArray append(NDArray previous, NDArray added) {
            NDArray combined = previous == null
                    ? added.duplicate() // (B, H, T, E)
                    : NDArrays.concat(new NDList(previous, added), 2); // (B, H, S, E)
            combined.attach(manager);
            if (previous != null) {
                previous.close();
            }
            return combined;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** Draws initial parameters on the host so that a seed fixes them bit for bit. */
    private static final class Initializer {
        private final NDManager manager;
        private final DataType dataType;
        private final SplittableRandom random;

        Initializer(NDManager manager, DataType dataType, SplittableRandom random) {
            this.manager = manager;
            this.dataType = dataType;
            this.random = random;
        }

        NDArray normal(double std, int... dims) {
            double[] values = new double[Math.toIntExact(new Shape(toLongs(dims)).size())];
            for (int i = 0; i < values.length; i += 2) {
                // Box–Muller: two independent standard normals from two uniforms, u1 in (0, 1].
                double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - random.nextDouble()));
                double angle = 2.0 * StrictMath.PI * random.nextDouble();
                values[i] = std * radius * StrictMath.cos(angle);
                if (i + 1 < values.length) {
                    values[i + 1] = std * radius * StrictMath.sin(angle);
                }
            }
            return fromDoubles(values, dims);
        }

        NDArray constant(double value, int... dims) {
            double[] values = new double[Math.toIntExact(new Shape(toLongs(dims)).size())];
            java.util.Arrays.fill(values, value);
            return fromDoubles(values, dims);
        }

        private NDArray fromDoubles(double[] values, int... dims) {
            Shape shape = new Shape(toLongs(dims));
            // DJL's PyTorch engine wraps the Java buffer of create() without copying; the copy moves the parameter
            // into memory that libtorch allocates and owns.
            try (NDArray wide = manager.create(values, shape)) {
                return NativeArrays.copyAs(wide, dataType);
            }
        }

        private static long[] toLongs(int... dims) {
            long[] result = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                result[i] = dims[i];
            }
            return result;
        }
    }
}
