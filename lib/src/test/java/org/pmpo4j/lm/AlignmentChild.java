package org.pmpo4j.lm;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * Child JVM for {@link AlignmentTest}: resumes (or starts) the test's checkpointed alignment run in the folder given
 * as the first argument, two steps per call and pausing between calls for the number of milliseconds in the second
 * argument, so the parent can kill it mid-run. With a third argument it writes the final progress CSV there.
 */
public final class AlignmentChild {

    private AlignmentChild() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long pauseMillis = Long.parseLong(args[1]);
        AlignmentConfig config = AlignmentTest.checkpointedConfig();
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, AlignmentTest.MODEL, 1)) {
            AlignmentResult result = null;
            for (int lastStep = 2; lastStep <= config.steps(); lastStep += 2) {
                result = Alignment.run(config, AlignmentTest.inputs(base), directory, 2, lastStep);
                Thread.sleep(pauseMillis);
            }
            if (args.length > 2) {
                result.writeCsv(Path.of(args[2]));
            }
        }
    }
}
