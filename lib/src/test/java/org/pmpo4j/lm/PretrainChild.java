package org.pmpo4j.lm;

import ai.djl.ndarray.NDManager;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM for {@link PretrainerTest}: resumes (or starts) the test run in the folder given as the first
 * argument and trains to the end, pausing between steps so the parent can kill it mid-run. With a second
 * argument it writes the final parameters there.
 */
public final class PretrainChild {

    private PretrainChild() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long pauseMillis = Long.parseLong(args[1]);
        try (NDManager manager = NDManager.newBaseManager();
                Pretrainer pretrainer = Pretrainer.resume(manager, PretrainerTest.MODEL, PretrainerTest.CONFIG,
                        PretrainerTest.corpus(), directory)) {
            while (pretrainer.step() < PretrainerTest.CONFIG.steps()) {
                pretrainer.trainUntil(pretrainer.step() + 1);
                Thread.sleep(pauseMillis);
            }
            if (args.length > 2) {
                try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
                    pretrainer.model().parameters().encode(out);
                }
            }
        }
    }
}
