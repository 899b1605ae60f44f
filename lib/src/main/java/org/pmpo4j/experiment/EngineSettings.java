package org.pmpo4j.experiment;

import org.pmpo4j.training.TorchThreads;

/**
 * PyTorch thread settings for experiments. Sweeps run many small runs in parallel threads, so each PyTorch operation
 * uses one thread: that avoids oversubscribing the cores and keeps the order of floating-point reductions fixed.
 */
final class EngineSettings {

    private EngineSettings() {
    }

    /**
     * Sets DJL's PyTorch intra-op and inter-op thread counts to 1 unless the user set them. DJL reads these
     * properties when the engine first loads, so this has no effect if PyTorch is already running in this JVM.
     */
    static void useSingleThreadedKernels() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /**
     * Limits PyTorch operations started from the calling thread to one intra-op thread. libtorch's CPU build
     * parallelises with OpenMP, whose thread count is a per-thread setting, so the engine-wide property above reaches
     * only the thread that loaded the engine and every worker thread has to set it again.
     */
    static void useOneIntraOpThreadOnThisThread() {
        TorchThreads.useOnCallingThread(1);
    }
}
