package org.pmpo4j.experiment;

import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows of a finished sweep and the provenance header recorded when it started.
 *
 * @param table one row per run and iteration, runs in sweep order
 * @param header seeds, settings, library versions and git commit
 */
public record SweepResult(Table table, Map<String, String> header) {

    public SweepResult {
        // Map.copyOf would iterate in an order that changes from one JVM to the next; the header keeps its order.
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
    }

    /** Writes the rows to {@code file} as CSV under the provenance header, atomically. */
    public void writeCsv(Path file) {
        ResultFiles.writeCsv(table, file, header);
    }

    /** Writes another table derived from these rows, e.g. a summary, under the same provenance header. */
    public void writeCsv(Table derived, Path file) {
        ResultFiles.writeCsv(derived, file, header);
    }
}
