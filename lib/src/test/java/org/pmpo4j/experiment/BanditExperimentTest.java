package org.pmpo4j.experiment;

import org.junit.jupiter.api.Test;
import org.pmpo4j.env.BenchmarkFunction;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BanditExperimentTest {

    private static BanditConfig sphere(String method, long seed) {
        return new BanditConfig("sphere", 4, Method.parse(method), 20, 5, 5, 15, 10, 0.05, 0.3, seed);
    }

    private static double finalRegret(Table table) {
        return table.doubleColumn("regret").get(table.rowCount() - 1);
    }

    @Test
    void tableHasOneRowPerIterationPlusInitial() {
        Table table = BanditExperiment.run(sphere("pmpo-ar", 1));
        assertEquals(16, table.rowCount());
        assertEquals(List.of("function", "method", "seed", "iteration", "evaluations", "value", "regret", "score/mean",
                "score/best", "loss", "kl/reference", "std/mean", "logp/accepted", "logp/rejected", "unstable"),
                table.columnNames());
        // 20 samples per iteration, so iteration 15 has used 300 evaluations.
        assertEquals(300, table.intColumn("evaluations").get(15));
        assertEquals(0, table.intColumn("iteration").get(0));
    }

    @Test
    void sameSeedGivesIdenticalTable() {
        String first = BanditExperiment.run(sphere("pmpo-ar", 3)).write().toString("csv");
        String second = BanditExperiment.run(sphere("pmpo-ar", 3)).write().toString("csv");
        assertEquals(first, second);
    }

    @Test
    void differentSeedGivesDifferentTable() {
        String first = BanditExperiment.run(sphere("pmpo-ar", 3)).write().toString("csv");
        String second = BanditExperiment.run(sphere("pmpo-ar", 4)).write().toString("csv");
        assertNotEquals(first, second);
    }

    @Test
    void everyMethodReducesSphereRegret() {
        for (String method : Method.NAMES) {
            Table table = BanditExperiment.run(sphere(method, 5));
            double initial = table.doubleColumn("regret").get(0);
            assertTrue(finalRegret(table) < initial,
                    method + " should lower the regret: initial " + initial + ", final " + finalRegret(table));
        }
    }

    @Test
    void klToReferenceIsRecordedAndNonNegative() {
        Table table = BanditExperiment.run(sphere("pmpo-r", 2));
        for (int row = 1; row < table.rowCount(); row++) {
            assertTrue(table.doubleColumn("kl/reference").get(row) >= 0.0);
        }
    }

    @Test
    void emptyRejectedSetLeavesColumnMissing() {
        BanditConfig config = new BanditConfig("sphere", 2, Method.parse("pmpo-a"), 10, 3, 0, 3, 2, 0.05, 0.3, 0);
        Table table = BanditExperiment.run(config);
        assertTrue(table.doubleColumn("logp/rejected").isMissing(2));
        assertTrue(!table.doubleColumn("logp/accepted").isMissing(2));
    }

    @Test
    void nanFunctionValueNamesIterationMethodAndSeed() {
        BenchmarkFunction broken = new BenchmarkFunction() {
            @Override public String name() {
                return "broken";
            }

            @Override public double value(double[] x) {
                return x[0] > 0 ? Double.NaN : x[0] * x[0];
            }

            @Override public double lowerBound() {
                return -1;
            }

            @Override public double upperBound() {
                return 1;
            }

            @Override public double[] optimum(int dimension) {
                return new double[dimension];
            }

            @Override public double optimalValue(int dimension) {
                return 0;
            }
        };
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> BanditExperiment.run(sphere("pmpo-ar", 9), broken));
        assertTrue(error.getMessage().contains("returned NaN"), error.getMessage());
        assertTrue(error.getMessage().contains("iteration 1"), error.getMessage());
        assertTrue(error.getMessage().contains("PMPO-AR"), error.getMessage());
        assertTrue(error.getMessage().contains("seed 9"), error.getMessage());
    }

    @Test
    void rejectOnlyWithoutKlBlowsUpWhileBetaTwoStaysBounded() {
        // α = 0 and β = 0: the loss mean_{D_r} log π_θ = mean −log σ − (y − μ)²/(2σ²) + const has no lower bound.
        // The rejected samples are the tails of π_ref, farther than σ from μ, so the gradient shrinks σ towards 0 and
        // the loss runs off to −∞ within the first iterations. With β = 2 > 1 each iteration's objective is bounded,
        // so the loss stays moderate; σ still shrinks from one iteration to the next, because the rejected tails lie
        // farther out than σ and the bounded optimum moves σ away from them.
        Method unregularised = new Method.Pmpo("R0", 0.0, 0.0, "kl-reference-policy");
        Method regularised = new Method.Pmpo("R2", 0.0, 2.0, "kl-reference-policy");
        BanditConfig base = new BanditConfig("sphere", 4, unregularised, 20, 5, 5, 20, 10, 0.05, 0.3, 0);
        Table free = BanditExperiment.run(base);
        Table bounded = BanditExperiment.run(base.withMethod(regularised));
        double freeStd = free.doubleColumn("std/mean").get(free.rowCount() - 1);
        double freeLoss = free.doubleColumn("loss").get(free.rowCount() - 1);
        double boundedStd = bounded.doubleColumn("std/mean").get(bounded.rowCount() - 1);
        double boundedLoss = bounded.doubleColumn("loss").min();
        assertTrue(freeStd < 1e-4, "unregularised PMPO-R should collapse, std " + freeStd);
        assertTrue(freeLoss < -20.0, "unregularised PMPO-R loss should run off, loss " + freeLoss);
        assertTrue(boundedStd > 1e-3, "PMPO-R with beta 2 should not collapse, std " + boundedStd);
        assertTrue(boundedLoss > -10.0, "PMPO-R with beta 2 should keep a bounded loss, minimum " + boundedLoss);
    }

    @Test
    void unstableRunFailsByDefaultNamingIterationMethodAndSeed() {
        // α = 0, β = 0 collapses σ until the loss is no longer finite.
        Method unregularised = new Method.Pmpo("R0", 0.0, 0.0, "kl-reference-policy");
        BanditConfig config = new BanditConfig("sphere", 4, unregularised, 20, 5, 5, 200, 20, 0.1, 0.3, 6);
        UnstableRunException error = assertThrows(UnstableRunException.class, () -> BanditExperiment.run(config));
        assertTrue(error.getMessage().contains("of R0 on sphere (seed 6)"), error.getMessage());
        assertTrue(error.getMessage().matches(".*at iteration \\d+ .*"), error.getMessage());
    }

    @Test
    void freezeWhenUnstableRecordsBreakdownAndKeepsAllRows() {
        Method unregularised = new Method.Pmpo("R0", 0.0, 0.0, "kl-reference-policy");
        BanditConfig config = new BanditConfig("sphere", 4, unregularised, 20, 5, 5, 200, 20, 0.1, 0.3, 6)
                .withFreezeWhenUnstable(true);
        Table table = BanditExperiment.run(config);
        assertEquals(201, table.rowCount());
        int first = -1;
        for (int row = 0; row < table.rowCount(); row++) {
            if (table.intColumn("unstable").get(row) == 1) {
                first = row;
                break;
            }
        }
        assertTrue(first > 0, "the run should become unstable");
        assertEquals(1, table.intColumn("unstable").get(200));
        // After the breakdown the policy is frozen, so its value no longer changes.
        assertEquals(table.doubleColumn("value").get(first + 1), table.doubleColumn("value").get(200));
    }

    @Test
    void stableRunHasNoUnstableRows() {
        Table table = BanditExperiment.run(sphere("pmpo-ar", 1).withFreezeWhenUnstable(true));
        assertEquals(0, table.intColumn("unstable").sum());
    }

    @Test
    void outsidePointsScoredAtNearestDomainPoint() {
        // Schwefel 2.26 on [−500, 500] has centre 0 and half-width 500: z = 3 maps to x = 1500, which is clipped to
        // 500, and z = −3 to −500. Points inside the domain are evaluated unchanged.
        org.pmpo4j.env.BenchmarkFunction schwefel = org.pmpo4j.env.BenchmarkFunctions.byName("schwefel");
        double clipped = BanditExperiment.valueAt(schwefel, new double[] {3.0, -3.0}, 0.0, 500.0);
        assertEquals(schwefel.value(new double[] {500.0, -500.0}), clipped);
        double inside = BanditExperiment.valueAt(schwefel, new double[] {0.5, -0.5}, 0.0, 500.0);
        assertEquals(schwefel.value(new double[] {250.0, -250.0}), inside);
    }
}
