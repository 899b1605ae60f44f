package org.pmpo4j.experiment;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs that vary the feedback a method receives: accepted samples only, rejected only, both, or pairs and unpaired
 * labels for the baselines, each at several set sizes k out of N samples per iteration.
 *
 * <p>Regimes: {@code positive-only} (PMPO-A, k_a = k, k_r = 0), {@code negative-only} (PMPO-R, k_a = 0, k_r = k),
 * {@code mixed} (PMPO-AR, k_a = k_r = k), {@code DPO} and {@code IPO} (k pairs of the i-th best with the i-th worst)
 * and {@code KTO} (k desirable and k undesirable samples, unpaired). {@link #unequal} adds PMPO-AR runs with
 * k_a ≠ k_r.
 */
public final class FeedbackComposition {

    private final List<BanditConfig> configurations = new ArrayList<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    private record Setting(String regime, int accepted, int rejected) {
    }

    /**
     * Returns the KL weight that the EM derivation of PMPO assigns: (1 − α)/Z_r with Z_r = k_r/N the fraction of samples
     * rejected, or {@link Method.Defaults#PMPO_A_BETA} when nothing is rejected.
     */
    public static double emBeta(double alpha, int samples, int rejected) {
        return rejected == 0 || alpha == 1.0 ? Method.Defaults.PMPO_A_BETA : (1.0 - alpha) * samples / rejected;
    }

    /**
     * Adds every regime at every set size in {@code sizes} for every seed, on top of {@code base}. PMPO variants use
     * β = {@link #emBeta}; the baselines use their defaults.
     */
    public static FeedbackComposition of(BanditConfig base, List<Integer> sizes, List<Long> seeds) {
        FeedbackComposition composition = new FeedbackComposition();
        int n = base.samples();
        for (int k : sizes) {
            String divergence = Method.Defaults.DIVERGENCE;
            composition.add(base, "positive-only",
                    new Method.Pmpo("positive-only k=" + k, 1.0, emBeta(1.0, n, 0), divergence), k, 0, seeds);
            composition.add(base, "negative-only",
                    new Method.Pmpo("negative-only k=" + k, 0.0, emBeta(0.0, n, k), divergence), 0, k, seeds);
            composition.add(base, "mixed",
                    new Method.Pmpo("mixed k=" + k, 0.5, emBeta(0.5, n, k), divergence), k, k, seeds);
            composition.add(base, "DPO", new Method.Dpo("DPO k=" + k, Method.Defaults.DPO_BETA), k, k, seeds);
            composition.add(base, "IPO", new Method.Ipo("IPO k=" + k, Method.Defaults.IPO_TAU), k, k, seeds);
            composition.add(base, "KTO", new Method.Kto("KTO k=" + k, Method.Defaults.KTO_BETA), k, k, seeds);
        }
        return composition;
    }

    /** Adds PMPO-AR runs with {@code accepted} ≠ {@code rejected} set sizes, with β = {@link #emBeta}. */
    public FeedbackComposition unequal(BanditConfig base, int accepted, int rejected, List<Long> seeds) {
        String label = "mixed k_a=" + accepted + " k_r=" + rejected;
        double beta = emBeta(0.5, base.samples(), rejected);
        add(base, "mixed-unequal", new Method.Pmpo(label, 0.5, beta, Method.Defaults.DIVERGENCE), accepted,
                rejected, seeds);
        return this;
    }

    private void add(BanditConfig base, String regime, Method method, int accepted, int rejected, List<Long> seeds) {
        settings.put(method.label(), new Setting(regime, accepted, rejected));
        for (long seed : seeds) {
            configurations.add(base.withMethod(method).withFeedbackCounts(accepted, rejected).withSeed(seed));
        }
    }

    /** Returns the runs, ready for {@code new BanditSweep(name, configurations())}. */
    public List<BanditConfig> configurations() {
        return List.copyOf(configurations);
    }

    /**
     * The summary with three more columns, {@code regime}, {@code accepted} (k_a) and {@code rejected} (k_r), for
     * every method of this composition.
     */
    public Table describe(RunSummary summary) {
        Table table = summary.table();
        StringColumn regimes = StringColumn.create("regime");
        IntColumn accepted = IntColumn.create("accepted");
        IntColumn rejected = IntColumn.create("rejected");
        for (int row = 0; row < table.rowCount(); row++) {
            Setting setting = settings.get(table.stringColumn("method").get(row));
            if (setting == null) {
                throw new IllegalArgumentException("method '" + table.stringColumn("method").get(row)
                        + "' is not part of this feedback composition");
            }
            regimes.append(setting.regime());
            accepted.append(setting.accepted());
            rejected.append(setting.rejected());
        }
        Table described = table.copy();
        described.insertColumn(2, regimes);
        described.insertColumn(3, accepted);
        described.insertColumn(4, rejected);
        return described;
    }

    /**
     * Final regret against set size per regime on {@code function}, as (x, y) series for a line chart: x is k (k_a or
     * k_r for one-sided regimes), y the mean final regret. Unequal splits are left out.
     */
    public Map<String, double[][]> finalRegretBySize(RunSummary summary, String function) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Map.Entry<String, Setting> entry : settings.entrySet()) {
            Setting setting = entry.getValue();
            if (setting.regime().equals("mixed-unequal")) {
                continue;
            }
            int size = Math.max(setting.accepted(), setting.rejected());
            points.computeIfAbsent(setting.regime(), ignored -> new ArrayList<>())
                    .add(new double[] {size, summary.finalRegret(function, entry.getKey())});
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        points.forEach((regime, list) -> {
            double[][] xy = new double[2][list.size()];
            for (int i = 0; i < list.size(); i++) {
                xy[0][i] = list.get(i)[0];
                xy[1][i] = list.get(i)[1];
            }
            series.put(regime, xy);
        });
        return series;
    }
}
