package org.pmpo4j.lm;

/**
 * Settings of {@link Sampler}.
 *
 * @param maxNewTokens maximum number of tokens generated per prompt, at least 1
 * @param temperature divisor of the logits before the softmax, finite and &gt; 0; 1 samples from the model
 * @param topK number of most likely tokens kept before sampling, or 0 to keep all; 1 is greedy decoding
 * @param eosId id that ends a completion (it is included in the completion), or −1 for none
 * @param seed seed of the host-side random generator
 * @param useKvCache whether to reuse earlier keys and values instead of recomputing the whole prefix
 */
public record SamplingConfig(int maxNewTokens, double temperature, int topK, int eosId, long seed,
        boolean useKvCache) {

    /** Validates every field. */
    public SamplingConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens
                    + "; use the longest completion length you need, e.g. 48");
        }
        if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature
                    + "; use 1 to sample from the model, or topK 1 for greedy decoding");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK + "; use 0 to keep every token");
        }
        if (eosId < -1) {
            throw new IllegalArgumentException("eosId must be a token id or -1 for none, got " + eosId);
        }
    }

    /** Returns plain sampling at temperature 1 with a KV cache. */
    public static SamplingConfig of(int maxNewTokens, int eosId, long seed) {
        return new SamplingConfig(maxNewTokens, 1.0, 0, eosId, seed, true);
    }

    /** Returns a copy with another seed. */
    public SamplingConfig withSeed(long newSeed) {
        return new SamplingConfig(maxNewTokens, temperature, topK, eosId, newSeed, useKvCache);
    }

    /** Returns a copy with the KV cache switched on or off. */
    public SamplingConfig withKvCache(boolean enabled) {
        return new SamplingConfig(maxNewTokens, temperature, topK, eosId, seed, enabled);
    }
}
