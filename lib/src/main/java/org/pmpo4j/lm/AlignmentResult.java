package org.pmpo4j.lm;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pmpo4j.experiment.ResultFiles;
import org.pmpo4j.text.FeedbackJsonl;
import org.pmpo4j.text.LabelledCompletion;
import tech.tablesaw.api.Table;

/**
 * Outcome of one {@link Alignment} run.
 *
 * @param progress one row per evaluation, columns {@link Alignment#COLUMNS}
 * @param feedback every labelled completion the run trained on, in step order with accepted before rejected per
 *     prompt. Completions that decode to blank text are left out.
 * @param header provenance: settings, base model, library versions and git commit
 */
public record AlignmentResult(Table progress, List<LabelledCompletion> feedback, Map<String, String> header) {

    /** Copies the feedback list and the header, keeping the header's order. */
    public AlignmentResult {
        feedback = List.copyOf(feedback);
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
    }

    /** Writes the progress table as CSV under the provenance header, atomically. */
    public void writeCsv(Path file) {
        ResultFiles.writeCsv(progress, file, header);
    }

    /** Writes the feedback as JSON lines ({@link FeedbackJsonl}), atomically. */
    public void writeFeedback(Path file) {
        FeedbackJsonl.write(file, feedback);
    }
}
