package org.pmpo4j.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pmpo4j.experiment.Method;
import tech.tablesaw.api.Table;

class AlignmentTest {

    static final TransformerConfig MODEL = new TransformerConfig(CharTokenizer.vocabularySize(), 16, 16, 1, 2, 32);
    static final List<String> TRAINING_PROMPTS = List.of("ab", "ba", "cd", "dc", "ef", "fe");
    static final List<String> EVALUATION_PROMPTS = List.of("ac", "bd", "eg");

    /** Reward of a text: its number of a's minus its number of b's. */
    static double reward(String text) {
        return text.chars().filter(ch -> ch == 'a').count() - text.chars().filter(ch -> ch == 'b').count();
    }

    /** Win rate by the number of a's alone, ties counting half: a judge that differs from the reward. */
    static double winRate(List<String> policy, List<String> base) {
        double wins = 0;
        for (int i = 0; i < policy.size(); i++) {
            long policyCount = policy.get(i).chars().filter(ch -> ch == 'a').count();
            long baseCount = base.get(i).chars().filter(ch -> ch == 'a').count();
            wins += policyCount > baseCount ? 1 : policyCount == baseCount ? 0.5 : 0;
        }
        return wins / policy.size();
    }

    static AlignmentInputs inputs(TransformerLm base) {
        return new AlignmentInputs(base, new CharTokenizer(), AlignmentTest::reward, AlignmentTest::winRate,
                TRAINING_PROMPTS, EVALUATION_PROMPTS);
    }

    static AlignmentConfig config(String method, int steps, long seed) {
        return new AlignmentConfig(Method.parse(method), steps, 3, 4, 2, 2, 8, 1.0, 1e-2, 0, 2, seed);
    }

    @Test
    void sameSeedGivesSameCsv(@TempDir Path directory) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                TransformerLm base = TransformerLm.create(manager, MODEL, 1)) {
            Path first = directory.resolve("first.csv");
            Path second = directory.resolve("second.csv");
            Path other = directory.resolve("other.csv");
            Alignment.run(config("pmpo-ar", 4, 5), inputs(base)).writeCsv(first);
            Alignment.run(config("pmpo-ar", 4, 5), inputs(base)).writeCsv(second);
            Alignment.run(config("pmpo-ar", 4, 6), inputs(base)).writeCsv(other);
            assertEquals(Files.readString(first), Files.readString(second));
            assertTrue(!Files.readString(first).equals(Files.readString(other)), "another seed gave the same CSV");
        }
    }
}
