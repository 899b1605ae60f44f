package org.pmpo4j.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch intra-op thread counts. libtorch's CPU build parallelises with OpenMP, whose thread count belongs to the
 * calling thread, and the order of a parallel reduction depends on how many threads share it. A run that left the
 * count to whatever the thread last had would round differently after, say, a bandit sweep in the same JVM, so each
 * training or sampling entry point sets the count on its own thread.
 *
 * <p>Bandit runs use one thread each (many run in parallel). Language-model runs use
 * {@link #languageModelThreads()}: the system property {@value #PROPERTY} when set, otherwise every available
 * processor. Results are identical for a fixed count; another count may change the last bits.
 */
public final class TorchThreads {

    /** System property that fixes the intra-op thread count of language-model runs. */
    public static final String PROPERTY = "pmpo4j.torch.threads";

    /**
     * Largest accepted count. A count far above the cores only oversubscribes them; given 100,000, libtorch did not
     * finish a small operation within two minutes.
     */
    public static final int MAX_THREADS = 256;

    private TorchThreads() {
    }

    /**
     * Returns the intra-op thread count for language-model runs: {@value #PROPERTY} if set, otherwise
     * {@code Runtime.availableProcessors()}.
     *
     * @throws IllegalArgumentException if the property is set but is not an integer from 1 to {@value #MAX_THREADS}
     */
    public static int languageModelThreads() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        int threads;
        try {
            threads = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be an integer from 1 to "
                    + MAX_THREADS + ", got '" + value + "'; unset it to use every available processor");
        }
        return threads;
    }

    /** Sets the intra-op thread count of PyTorch operations started from the calling thread. */
    // NOTE: relies on ai.djl.pytorch.jni.JniUtils, public but internal to DJL's PyTorch engine.
    public static void useOnCallingThread(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + MAX_THREADS + ", got " + threads
                    + "; pass 1 for one thread per run");
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    /** Sets the calling thread's intra-op count to {@link #languageModelThreads()}. */
    public static void useLanguageModelThreads() {
        useOnCallingThread(languageModelThreads());
    }
}
