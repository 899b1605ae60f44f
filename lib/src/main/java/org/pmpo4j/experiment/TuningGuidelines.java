package org.pmpo4j.experiment;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tuning advice distilled from sweeps: one row per question with the setting it concerns, the recommendation and the
 * measured numbers behind it.
 */
public final class TuningGuidelines {

    private final StringColumn topics = StringColumn.create("topic");
    private final StringColumn settings = StringColumn.create("setting");
    private final StringColumn recommendations = StringColumn.create("recommendation");
    private final StringColumn evidence = StringColumn.create("evidence");

    /** Adds one guideline. */
    public TuningGuidelines add(String topic, String setting, String recommendation, String numbers) {
        topics.append(topic);
        settings.append(setting);
        recommendations.append(recommendation);
        evidence.append(numbers);
        return this;
    }

    /** Returns the guidelines as a table with columns topic, setting, recommendation and evidence. */
    public Table table() {
        return Table.create("guidelines", topics.copy(), settings.copy(), recommendations.copy(), evidence.copy());
    }
}
