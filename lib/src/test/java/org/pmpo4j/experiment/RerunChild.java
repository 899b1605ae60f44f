package org.pmpo4j.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs one short experiment of a family in its own JVM and writes its CSV, for {@link RerunIdentityTest}.
 * Arguments: family ({@code bandit} or {@code sensitivity}), seed, output file.
 */
public final class RerunChild {

    private RerunChild() {
    }

    public static void main(String[] arguments) {
        String family = arguments[0];
        long seed = Long.parseLong(arguments[1]);
        Path output = Path.of(arguments[2]);
        BanditConfig base = new BanditConfig("rastrigin", 4, Method.parse("pmpo-ar"), 12, 3, 3, 6, 5, 0.05, 0.3, 0);
        BanditSweep sweep;
        if (family.equals("bandit")) {
            sweep = BanditSweep.grid("rerun-bandit", base, List.of("rastrigin", "ackley"),
                    List.of(Method.parse("pmpo-ar"), Method.parse("dpo"), Method.parse("kto"), Method.parse("mpo")),
                    List.of(seed, seed + 1));
        } else {
            AlphaBetaGrid grid = new AlphaBetaGrid(List.of(0.0, 0.5), List.of(0.0, 2.0), "kl-reference-policy");
            sweep = BanditSweep.grid("rerun-sensitivity", base.withFreezeWhenUnstable(true), List.of("sphere"),
                    grid.methods(), List.of(seed));
        }
        sweep.run(2).writeCsv(output);
        System.exit(0);
    }
}
