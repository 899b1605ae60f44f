package org.pmpo4j.lm;

/**
 * Hyperparameters of a decoder-only transformer language model ({@link TransformerLm}).
 *
 * <p>The parameter count is V·D (tied token embedding and output layer) + C·D (learned positions)
 * + L·(4D² + 2DF + 9D + F) (per layer: fused QKV and output projections with biases, two MLP layers
 * with biases, two LayerNorms) + 2D (final LayerNorm), where V is the vocabulary size, C the context
 * length, D the model width, L the layer count and F the MLP width.
 *
 * @param vocabularySize V, number of token ids, at least 2
 * @param contextLength C, maximum sequence length, at least 2
 * @param modelWidth D, width of the residual stream, divisible by {@code headCount}
 * @param layerCount L, number of transformer blocks, at least 1
 * @param headCount H, attention heads per block, at least 1
 * @param mlpWidth F, hidden width of each GELU MLP, at least 1
 * @param dropout dropout probability; only 0 is implemented
 */
public record TransformerConfig(
        int vocabularySize, int contextLength, int modelWidth, int layerCount, int headCount, int mlpWidth,
        double dropout) {

    /** Validates every field. */
    public TransformerConfig {
        requireAtLeast("vocabularySize", vocabularySize, 2, "set it to the tokenizer's vocabulary size");
        requireAtLeast("contextLength", contextLength, 2, "use the longest prompt plus completion, e.g. 128");
        requireAtLeast("modelWidth", modelWidth, 1, "use a multiple of headCount, e.g. 256");
        requireAtLeast("layerCount", layerCount, 1, "use e.g. 4");
        requireAtLeast("headCount", headCount, 1, "use e.g. 4");
        requireAtLeast("mlpWidth", mlpWidth, 1, "use 4 * modelWidth");
        if (modelWidth % headCount != 0) {
            throw new IllegalArgumentException("modelWidth must be divisible by headCount, got modelWidth "
                    + modelWidth + " and headCount " + headCount + "; pick a width that is a multiple of "
                    + headCount);
        }
        // NOTE: TransformerLm applies no dropout yet, so only 0 is accepted.
        if (dropout != 0.0) {
            throw new IllegalArgumentException("dropout must be 0, got " + dropout
                    + "; TransformerLm applies no dropout, so use the constructor without dropout");
        }
    }

    /** Creates a configuration with dropout 0. */
    public TransformerConfig(
            int vocabularySize, int contextLength, int modelWidth, int layerCount, int headCount, int mlpWidth) {
        this(vocabularySize, contextLength, modelWidth, layerCount, headCount, mlpWidth, 0.0);
    }

    /**
     * Returns a model for tests and smoke runs: V 256, C 32, D 32, 3 layers, 2 heads, F 128, which has
     * 47,392 parameters.
     */
    public static TransformerConfig tiny() {
        return new TransformerConfig(256, 32, 32, 3, 2, 128);
    }

    /**
     * Returns the model used for the language experiments: C 128, D 192, 4 layers, 4 heads, F 768, which has
     * 3,377,280 parameters with V = 8192.
     *
     * @param vocabularySize the tokenizer's vocabulary size, at least 2
     */
    // Size chosen by estimate: about 60% of the FLOPs per token of a 5.3M-parameter model that trains at about 5,000
    // tokens/s on 2 cores in PyTorch. LmThroughputReport measured 2,000 training tokens/s for it in DJL on a 2-core
    // machine shared with other jobs, so 1,000 steps of 16 x 128 tokens take about 17 minutes there.
    public static TransformerConfig paper(int vocabularySize) {
        return new TransformerConfig(vocabularySize, 128, 192, 4, 4, 768);
    }

    /** Returns a copy with another vocabulary size. */
    public TransformerConfig withVocabularySize(int size) {
        return new TransformerConfig(size, contextLength, modelWidth, layerCount, headCount, mlpWidth, dropout);
    }

    /** Returns D / H, the width of one attention head. */
    public int headWidth() {
        return modelWidth / headCount;
    }

    /** Returns the number of parameters, by the formula in the class documentation. */
    public long parameterCount() {
        long d = modelWidth;
        long f = mlpWidth;
        long perLayer = 4 * d * d + 2 * d * f + 9 * d + f;
        return (long) vocabularySize * d + (long) contextLength * d + layerCount * perLayer + 2 * d;
    }

    private static void requireAtLeast(String name, int value, int minimum, String fix) {
        if (value < minimum) {
            throw new IllegalArgumentException(
                    name + " must be >= " + minimum + ", got " + value + "; " + fix);
        }
    }
}
