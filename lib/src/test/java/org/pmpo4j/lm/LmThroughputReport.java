package org.pmpo4j.lm;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the training and sampling throughput of {@link TransformerConfig#paper} with V = 8192: pretraining steps of
 * 16 × 128 tokens, and sampling 16 prompts of 8 tokens plus 48 new tokens with and without the KV cache. It takes
 * about a minute on 2 cores. Run it from the repository root with
 * <pre>
 * mvn -q -o -pl lib test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -Dai.djl.offline=true -cp lib/target/test-classes:lib/target/classes:$(cat lib/target/test-classpath.txt) \
 *     org.pmpo4j.lm.LmThroughputReport
 * </pre>
 */
public final class LmThroughputReport {

    private static final int VOCABULARY = 8192;
    private static final int BATCH = 16;
    private static final int WARM_UP_STEPS = 2;
    private static final int TIMED_STEPS = 5;
    private static final int PROMPT_LENGTH = 8;
    private static final int NEW_TOKENS = 48;

    private LmThroughputReport() {
    }

    public static void main(String[] args) {
        TransformerConfig model = TransformerConfig.paper(VOCABULARY);
        System.out.printf(Locale.ROOT, "model %s, %,d parameters, %d cores%n", model, model.parameterCount(),
                Runtime.getRuntime().availableProcessors());

        int[] tokens = randomTokens(BATCH * (WARM_UP_STEPS + TIMED_STEPS) * model.contextLength() + 1, 1);
        PretrainConfig config = new PretrainConfig(BATCH, WARM_UP_STEPS + TIMED_STEPS, 3e-4, 1000, 1000, 1);
        try (NDManager manager = NDManager.newBaseManager();
                Pretrainer pretrainer = Pretrainer.start(manager, model, config, tokens, null)) {
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                pretrainer.trainStep();
            }
            long start = System.nanoTime();
            for (int i = 0; i < TIMED_STEPS; i++) {
                pretrainer.trainStep();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double trainedTokens = (double) TIMED_STEPS * BATCH * model.contextLength();
            System.out.printf(Locale.ROOT, "training: %.3f s per step of %d x %d tokens, %.0f tokens/s%n",
                    seconds / TIMED_STEPS, BATCH, model.contextLength(), trainedTokens / seconds);

            int[][] prompts = new int[BATCH][];
            for (int b = 0; b < BATCH; b++) {
                prompts[b] = randomTokens(PROMPT_LENGTH, 100 + b);
            }
            // eosId -1 makes every row generate all NEW_TOKENS tokens, so both runs do the same work.
            SamplingConfig sampling = new SamplingConfig(NEW_TOKENS, 1.0, 0, -1, 7, true);
            Sampler.sample(pretrainer.model(), prompts, sampling);
            for (boolean cache : new boolean[] {true, false}) {
                Samples samples = Sampler.sample(pretrainer.model(), prompts, sampling.withKvCache(cache));
                System.out.printf(Locale.ROOT, "sampling %s KV cache: %d x %d new tokens in %.2f s, %.0f tokens/s%n",
                        cache ? "with" : "without", BATCH, NEW_TOKENS, samples.seconds(), samples.tokensPerSecond());
            }
        }
    }

    private static int[] randomTokens(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] tokens = new int[count];
        Arrays.setAll(tokens, i -> random.nextInt(VOCABULARY));
        return tokens;
    }
}
