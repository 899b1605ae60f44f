package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final TransformerConfig SMALL = new TransformerConfig(13, 16, 8, 2, 2, 16);
    private static final int[][] PROMPTS = {{1, 2, 3}, {4}, {5, 6}};

    @Test
    void sameSeedGivesSameCompletions() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3)) {
            SamplingConfig config = new SamplingConfig(6, 1.0, 0, -1, 42, true);
            Samples first = Sampler.sample(model, PROMPTS, config);
            Samples second = Sampler.sample(model, PROMPTS, config);
            assertArrayEquals(first.completions(), second.completions());
            assertEquals(18, first.generatedTokens());
            Samples other = Sampler.sample(model, PROMPTS, config.withSeed(43));
            assertTrue(!java.util.Arrays.deepEquals(first.completions(), other.completions()));
        }
    }

    @Test
    void kvCacheGivesSameGreedyTokensAsFullRecompute() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3, DataType.FLOAT64)) {
            // Scale the weights up so the greedy choice is not decided by rounding between near-equal logits.
            try (org.pmpo4j.training.GradientScope paused = org.pmpo4j.training.GradientScope.paused()) {
                model.parameters().forEach(parameter -> parameter.muli(30.0));
            }
            SamplingConfig greedy = new SamplingConfig(8, 1.0, 1, -1, 0, true);
            int[][] cached = Sampler.sample(model, PROMPTS, greedy).completions();
            int[][] recomputed = Sampler.sample(model, PROMPTS, greedy.withKvCache(false)).completions();
            assertArrayEquals(recomputed, cached);
        }
    }

    @Test
    void batchedRowMatchesRowSampledAlone() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3, DataType.FLOAT64)) {
            try (org.pmpo4j.training.GradientScope paused = org.pmpo4j.training.GradientScope.paused()) {
                model.parameters().forEach(parameter -> parameter.muli(30.0));
            }
            // Left padding must not change a row: the short prompt {4} gives the same greedy completion alone.
            SamplingConfig greedy = new SamplingConfig(8, 1.0, 1, -1, 0, true);
            int[][] batched = Sampler.sample(model, PROMPTS, greedy).completions();
            int[][] alone = Sampler.sample(model, new int[][] {{4}}, greedy).completions();
            assertArrayEquals(alone[0], batched[1]);
        }
    }

    @Test
    void rowStopsAfterEos() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3)) {
            // With only one allowed token (top 1), find the greedy first token and make it the EOS id.
            SamplingConfig greedy = new SamplingConfig(5, 1.0, 1, -1, 0, true);
            int first = Sampler.sample(model, new int[][] {{1, 2, 3}}, greedy).completions()[0][0];
            SamplingConfig stopping = new SamplingConfig(5, 1.0, 1, first, 0, true);
            int[][] completions = Sampler.sample(model, new int[][] {{1, 2, 3}}, stopping).completions();
            assertArrayEquals(new int[] {first}, completions[0]);
        }
    }

    @Test
    void drawFollowsSoftmaxFrequencies() {
        // Logits (0, ln 3) give probabilities 1/4 and 3/4; 20,000 draws have standard error about 0.003.
        float[] logits = {0f, (float) Math.log(3)};
        SamplingConfig config = new SamplingConfig(1, 1.0, 0, -1, 0, true);
        SplittableRandom random = new SplittableRandom(9);
        int ones = 0;
        for (int i = 0; i < 20_000; i++) {
            ones += Sampler.draw(logits, config, random);
        }
        assertEquals(0.75, ones / 20_000.0, 0.015);
    }

    @Test
    void topKNeverDrawsOutsideTopK() {
        float[] logits = {3f, 1f, 2f, 0f};
        SamplingConfig config = new SamplingConfig(1, 5.0, 2, -1, 0, true);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
            int token = Sampler.draw(logits, config, random);
            assertTrue(token == 0 || token == 2, "drew " + token);
        }
    }

    @Test
    void tooLongRequestIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3)) {
            SamplingConfig config = SamplingConfig.of(14, -1, 0);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Sampler.sample(model, PROMPTS, config));
            assertTrue(error.getMessage().contains("plus maxNewTokens (14) is 17, more than the context length 16"),
                    error.getMessage());
        }
    }

    @Test
    void outOfRangePromptIdIsRejected() {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm model = TransformerLm.create(manager, SMALL, 3)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Sampler.sample(model, new int[][] {{1, 13}}, SamplingConfig.of(2, -1, 0)));
            assertTrue(error.getMessage().contains("prompt 0 contains id 13, outside [0, 13)"), error.getMessage());
        }
    }

    @Test
    void zeroTemperatureIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SamplingConfig(4, 0.0, 0, -1, 0, true));
        assertTrue(error.getMessage().contains("temperature must be finite and > 0, got 0.0"), error.getMessage());
    }

    @Test
    void negativeTopKIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SamplingConfig(4, 1.0, -1, -1, 0, true));
        assertTrue(error.getMessage().contains("topK must be >= 0, got -1"), error.getMessage());
    }
}
