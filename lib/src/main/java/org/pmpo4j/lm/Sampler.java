package org.pmpo4j.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.pmpo4j.training.GradientScope;
import org.pmpo4j.training.TorchThreads;

/**
 * Draws completions from a {@link TransformerLm} for a batch of prompts.
 *
 * <p>Prompts of different lengths are padded on the left, so that every row's next token sits in the last
 * column. Padding keys are hidden from attention and each row's positions start at 0 at its first real
 * token, so a row's completion does not depend on the other rows' prompts. The next token is drawn on the
 * host from the model's logits, divided by the temperature and cut to the top k, with one
 * {@link SplittableRandom} per call and {@link StrictMath} for the softmax, so a seed gives the same
 * completions on every run with the same logits.
 */
public final class Sampler {

    private Sampler() {
    }

    /**
     * Generates one completion per prompt. A row stops after its EOS id or after
     * {@code config.maxNewTokens()} tokens, and the call stops when every row has.
     *
     * @param prompts token ids, each of length ≥ 1, all ids in [0, V)
     * @throws IllegalArgumentException if a prompt is empty, an id is out of range, or the longest prompt
     *     plus maxNewTokens exceeds the model's context length
     */
    public static Samples sample(TransformerLm model, int[][] prompts, SamplingConfig config) {
        int vocabulary = model.config().vocabularySize();
        int promptLength = validatePrompts(prompts, vocabulary);
        int total = promptLength + config.maxNewTokens();
        if (total > model.config().contextLength()) {
            throw new IllegalArgumentException("longest prompt (" + promptLength + " tokens) plus maxNewTokens ("
                    + config.maxNewTokens() + ") is " + total + ", more than the context length "
                    + model.config().contextLength() + "; shorten the prompts or lower maxNewTokens");
        }
        TorchThreads.useLanguageModelThreads();
        long start = System.nanoTime();
        int batch = prompts.length;
        int[] padding = new int[batch];
        int[][] tokens = new int[batch][total];
        for (int b = 0; b < batch; b++) {
            padding[b] = promptLength - prompts[b].length;
            System.arraycopy(prompts[b], 0, tokens[b], padding[b], prompts[b].length);
        }

        SplittableRandom random = new SplittableRandom(config.seed());
        int[] lengths = new int[batch];
        boolean[] finished = new boolean[batch];
        long generated = 0;
        NDManager parent = model.parameters().get(0).getManager();
        try (GradientScope paused = GradientScope.paused();
                NDManager manager = parent.newSubManager();
                TransformerLm.KvCache cache = config.useKvCache()
                        ? new TransformerLm.KvCache(manager, model.config().layerCount())
                        : null) {
            for (int end = promptLength; end < total; end++) {
                // With a cache, the first step feeds the whole prompt and later steps only the newest token.
                int from = cache == null || end == promptLength ? 0 : end - 1;
                float[][] lastLogits = lastLogits(model, manager, tokens, padding, from, end, cache);
                for (int b = 0; b < batch; b++) {
                    if (finished[b]) {
                        continue;
                    }
                    int token = draw(lastLogits[b], config, random);
                    tokens[b][end] = token;
                    lengths[b]++;
                    generated++;
                    finished[b] = token == config.eosId();
                }
                if (allTrue(finished)) {
                    break;
                }
            }
        }

        int[][] completions = new int[batch][];
        for (int b = 0; b < batch; b++) {
            completions[b] = Arrays.copyOfRange(tokens[b], promptLength, promptLength + lengths[b]);
        }
        return new Samples(completions, generated, (System.nanoTime() - start) / 1e9);
    }

    /** Runs the model on columns [from, end) and returns the logits of column end − 1, B rows of V. */
    private static float[][] lastLogits(TransformerLm model, NDManager parent, int[][] tokens, int[] padding,
            int from, int end, TransformerLm.KvCache cache) {
        int batch = tokens.length;
        int length = end - from;
        int keys = cache == null ? length : end;
        int firstKey = end - keys;
        int[] ids = new int[batch * length];
        int[] positions = new int[batch * length];
        float[] bias = new float[batch * length * keys];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                int column = from + t;
                ids[b * length + t] = tokens[b][column];
                positions[b * length + t] = Math.max(0, column - padding[b]);
                for (int k = 0; k < keys; k++) {
                    int keyColumn = firstKey + k;
                    // Hide future keys and padding keys. A padding query still attends to itself, so no row of the
                    // softmax is empty.
                    boolean hidden = keyColumn > column || (keyColumn < padding[b] && keyColumn != column);
                    bias[(b * length + t) * keys + k] = hidden ? Float.NEGATIVE_INFINITY : 0f;
                }
            }
        }
        try (NDManager step = parent.newSubManager()) {
            NDArray idArray = step.create(ids, new Shape(batch, length)); // (B, T)
            NDArray positionArray = step.create(positions, new Shape(batch, length)); // (B, T)
            NDArray biasArray = step.create(bias, new Shape(batch, 1, length, keys)) // (B, 1, T, S)
                    .toType(model.dataType(), false);
            NDArray logits = model.forward(idArray, positionArray, biasArray, cache); // (B, T, V)
            NDArray last = logits.get(":, " + (length - 1) + ", :").toType(DataType.FLOAT32, false); // (B, V)
            float[] flat = last.toFloatArray();
            int vocabulary = model.config().vocabularySize();
            float[][] rows = new float[batch][];
            for (int b = 0; b < batch; b++) {
                rows[b] = Arrays.copyOfRange(flat, b * vocabulary, (b + 1) * vocabulary);
            }
            return rows;
        }
    }

    /** Draws one id from softmax(logits / temperature), restricted to the top k logits when k &gt; 0. */
    static int draw(float[] logits, SamplingConfig config, SplittableRandom random) {
        int vocabulary = logits.length;
        double threshold = Double.NEGATIVE_INFINITY;
        if (config.topK() > 0 && config.topK() < vocabulary) {
            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            threshold = sorted[vocabulary - config.topK()];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double[] weights = new double[vocabulary];
        double sum = 0;
        for (int v = 0; v < vocabulary; v++) {
            // Ties at the threshold are all kept, so more than k tokens may remain.
            weights[v] = logits[v] >= threshold ? StrictMath.exp((logits[v] - max) / config.temperature()) : 0.0;
            sum += weights[v];
        }
        double u = random.nextDouble() * sum;
        double cumulative = 0;
        int last = 0;
        for (int v = 0; v < vocabulary; v++) {
            if (weights[v] > 0) {
                cumulative += weights[v];
                last = v;
                if (u < cumulative) {
                    return v;
                }
            }
        }
        return last;
    }

    private static int validatePrompts(int[][] prompts, int vocabulary) {
        if (prompts == null || prompts.length == 0) {
            throw new IllegalArgumentException("prompts must contain at least one prompt; pass B >= 1 prompts");
        }
        int longest = 0;
        for (int b = 0; b < prompts.length; b++) {
            if (prompts[b].length == 0) {
                throw new IllegalArgumentException("prompt " + b + " is empty; start it with at least one token,"
                        + " such as a beginning-of-sequence id");
            }
            for (int id : prompts[b]) {
                if (id < 0 || id >= vocabulary) {
                    throw new IllegalArgumentException("prompt " + b + " contains id " + id + ", outside [0, "
                            + vocabulary + "); tokenize with the model's vocabulary");
                }
            }
            longest = Math.max(longest, prompts[b].length);
        }
        return longest;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean value : values) {
            if (!value) {
                return false;
            }
        }
        return true;
    }
}
