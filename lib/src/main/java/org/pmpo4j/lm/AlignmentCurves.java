package org.pmpo4j.lm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import tech.tablesaw.api.Table;

/**
 * Summaries of {@link Alignment} progress tables for the alignment notebook's claim checks. Each method reads the
 * rows of one method label (averaged over seeds at each step when several seeds are present).
 */
public final class AlignmentCurves {

    private AlignmentCurves() {
    }

    /**
     * Returns the mean of {@code column} over the evaluation rows after step 0: the area under the learning curve
     * divided by its length, which is larger for a method that gains earlier.
     */
    public static double meanAfterStart(Table progress, String method, String column) {
        double[][] curve = curve(progress, method, column);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < curve[0].length; i++) {
            if (curve[0][i] > 0) {
                sum += curve[1][i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Returns the last value of {@code column}, at the largest step. */
    public static double finalValue(Table progress, String method, String column) {
        double[][] curve = curve(progress, method, column);
        return curve[1][curve[1].length - 1];
    }

    /** Returns the value of {@code column} at step 0, before training. */
    public static double initialValue(Table progress, String method, String column) {
        return curve(progress, method, column)[1][0];
    }

    /**
     * Returns the first step at which the method hacks the reward: the step of the judged win rate's maximum, if that
     * maximum comes after step 0 and a later row has a win rate at least {@code drop} lower while its reward is higher
     * than at the maximum. Empty if that never happens, including when the win rate never rises after step 0.
     */
    public static OptionalInt hackingOnset(Table progress, String method, double drop) {
        double[][] winRate = curve(progress, method, "win_rate/base");
        double[][] reward = curve(progress, method, "reward/policy");
        int best = 0;
        for (int i = 1; i < winRate[1].length; i++) {
            if (winRate[1][i] > winRate[1][best]) {
                best = i;
            }
        }
        if (winRate[0][best] == 0) {
            return OptionalInt.empty();
        }
        for (int i = best + 1; i < winRate[1].length; i++) {
            if (winRate[1][i] <= winRate[1][best] - drop && reward[1][i] > reward[1][best]) {
                return OptionalInt.of((int) winRate[0][best]);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Returns whether a run broke down: it became unstable, ended with a lower reward than it started with, or ended
     * with a KL to the base model above {@code klLimit} nats.
     */
    public static boolean brokeDown(Table progress, String method, double klLimit) {
        boolean unstable = finalValue(progress, method, "unstable") > 0;
        boolean lostReward = finalValue(progress, method, "reward/policy")
                < initialValue(progress, method, "reward/policy");
        boolean diverged = finalValue(progress, method, "kl/base") > klLimit;
        return unstable || lostReward || diverged;
    }

    /** Returns, per method label in order of first appearance, the (KL to base, reward) points of its rows. */
    public static Map<String, double[][]> frontier(Table progress) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        List<String> order = progress.stringColumn("method").asList().stream().distinct().toList();
        for (String method : order) {
            double[][] kl = curve(progress, method, "kl/base");
            double[][] reward = curve(progress, method, "reward/policy");
            series.put(method, new double[][] {kl[1], reward[1]});
        }
        return series;
    }

    /**
     * Returns {steps, values} of {@code column} for one method, averaged over seeds at each step, in step order.
     *
     * @throws IllegalArgumentException if no row has that method label
     */
    public static double[][] curve(Table progress, String method, String column) {
        Table rows = progress.where(progress.stringColumn("method").isEqualTo(method));
        if (rows.rowCount() == 0) {
            throw new IllegalArgumentException("no rows for method '" + method + "'; the methods in the table are "
                    + progress.stringColumn("method").unique().asList());
        }
        TreeMap<Integer, double[]> byStep = new TreeMap<>();
        for (int row = 0; row < rows.rowCount(); row++) {
            int step = rows.intColumn("step").getInt(row);
            double value = rows.numberColumn(column).getDouble(row);
            double[] sumAndCount = byStep.computeIfAbsent(step, key -> new double[2]);
            sumAndCount[0] += value;
            sumAndCount[1]++;
        }
        double[][] curve = new double[2][byStep.size()];
        int i = 0;
        for (Map.Entry<Integer, double[]> entry : byStep.entrySet()) {
            curve[0][i] = entry.getKey();
            curve[1][i] = entry.getValue()[0] / entry.getValue()[1];
            i++;
        }
        return curve;
    }
}
