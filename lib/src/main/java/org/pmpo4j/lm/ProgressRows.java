package org.pmpo4j.lm;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Builds the progress table of an {@link Alignment} run, averaging training statistics between evaluations. */
final class ProgressRows {

    private final AlignmentConfig config;
    private final StringColumn method = StringColumn.create("method");
    private final LongColumn seed = LongColumn.create("seed");
    private final IntColumn step = IntColumn.create("step");
    private final IntColumn prompts = IntColumn.create("prompts");
    private final DoubleColumn policyReward = DoubleColumn.create("reward/policy");
    private final DoubleColumn winRate = DoubleColumn.create("win_rate/base");
    private final DoubleColumn baseKl = DoubleColumn.create("kl/base");
    private final DoubleColumn length = DoubleColumn.create("length/policy");
    private final DoubleColumn sampleReward = DoubleColumn.create("reward/samples");
    private final DoubleColumn loss = DoubleColumn.create("loss");
    private final DoubleColumn referenceKl = DoubleColumn.create("kl/reference");
    private final DoubleColumn acceptedLogProb = DoubleColumn.create("logp/accepted");
    private final DoubleColumn rejectedLogProb = DoubleColumn.create("logp/rejected");
    private final IntColumn unstable = IntColumn.create("unstable");

    private final double[] sums = new double[5];
    private int stepsSinceRow;
    private boolean wasUnstable;

    ProgressRows(AlignmentConfig config) {
        this.config = config;
    }

    /** Adds one training step to the averages of the next row. */
    void addTraining(Alignment.StepStatistics statistics) {
        sums[0] += statistics.reward();
        sums[1] += statistics.loss();
        sums[2] += statistics.referenceKl();
        sums[3] += statistics.acceptedLogProb();
        sums[4] += statistics.rejectedLogProb();
        stepsSinceRow++;
        wasUnstable |= statistics.unstable();
    }

    /** Records a row at {@code stepIndex} with the evaluation values and the training averages since the last row. */
    void addEvaluation(int stepIndex, Evaluation.Values values) {
        method.append(config.method().label());
        seed.append(config.seed());
        step.append(stepIndex);
        prompts.append(stepIndex * config.promptsPerStep());
        policyReward.append(values.reward());
        winRate.append(values.winRate());
        baseKl.append(values.baseKl());
        length.append(values.length());
        DoubleColumn[] training = {sampleReward, loss, referenceKl, acceptedLogProb, rejectedLogProb};
        for (int i = 0; i < training.length; i++) {
            // A row without training steps (row 0, or after the policy froze) leaves the training columns empty.
            if (stepsSinceRow == 0) {
                training[i].appendMissing();
            } else {
                training[i].append(sums[i] / stepsSinceRow);
            }
            sums[i] = 0;
        }
        stepsSinceRow = 0;
        unstable.append(wasUnstable ? 1 : 0);
    }

    /** Returns every recorded row as numbers, missing values as NaN, for a checkpoint. */
    List<double[]> rowValues() {
        List<double[]> values = new ArrayList<>();
        DoubleColumn[] doubles = doubleColumns();
        for (int row = 0; row < step.size(); row++) {
            double[] value = new double[3 + doubles.length];
            value[0] = step.getInt(row);
            value[1] = prompts.getInt(row);
            for (int i = 0; i < doubles.length; i++) {
                value[2 + i] = doubles[i].getDouble(row);
            }
            value[2 + doubles.length] = unstable.getInt(row);
            values.add(value);
        }
        return values;
    }

    /** Appends rows saved by {@link #rowValues()}, as a resumed run starts. */
    void restore(List<double[]> values) {
        DoubleColumn[] doubles = doubleColumns();
        for (double[] value : values) {
            method.append(config.method().label());
            seed.append(config.seed());
            step.append((int) value[0]);
            prompts.append((int) value[1]);
            for (int i = 0; i < doubles.length; i++) {
                // Tablesaw stores a missing double as NaN, so appending NaN restores a missing value.
                doubles[i].append(value[2 + i]);
            }
            int rowUnstable = (int) value[2 + doubles.length];
            unstable.append(rowUnstable);
            wasUnstable |= rowUnstable == 1;
        }
    }

    private DoubleColumn[] doubleColumns() {
        return new DoubleColumn[] {policyReward, winRate, baseKl, length, sampleReward, loss, referenceKl,
            acceptedLogProb, rejectedLogProb};
    }

    Table table() {
        return Table.create("alignment", method, seed, step, prompts, policyReward, winRate, baseKl, length,
                sampleReward, loss, referenceKl, acceptedLogProb, rejectedLogProb, unstable);
    }
}
