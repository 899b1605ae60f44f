package org.pmpo4j.experiment;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The claims a notebook tests and whether its run supports them. A claim that does not hold is a finding to report,
 * not an error: the checks print and save either way.
 */
public final class ClaimChecks {

    private final List<String> claims = new ArrayList<>();
    private final List<Boolean> outcomes = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();

    /** Records {@code claim}, whether it {@code holds}, and the numbers behind the verdict. */
    public ClaimChecks add(String claim, boolean holds, String numbers) {
        claims.add(claim);
        outcomes.add(holds);
        evidence.add(numbers);
        return this;
    }

    /** Number of claims that hold. */
    public long holdCount() {
        return outcomes.stream().filter(Boolean::booleanValue).count();
    }

    /** One line per claim: {@code [yes] claim (numbers)}, then a count. */
    public String report() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < claims.size(); i++) {
            text.append(outcomes.get(i) ? "[yes] " : "[no]  ").append(claims.get(i)).append("  (")
                    .append(evidence.get(i)).append(")\n");
        }
        text.append(holdCount()).append(" of ").append(claims.size()).append(" claims hold\n");
        return text.toString();
    }

    /** Returns the checks as a table with columns claim, holds, evidence. */
    public Table table() {
        return Table.create("claims", StringColumn.create("claim", claims),
                BooleanColumn.create("holds", outcomes), StringColumn.create("evidence", evidence));
    }

    /** Writes the checks as CSV with a provenance header, atomically. */
    public void writeCsv(Path file, Map<String, String> header) {
        ResultFiles.writeCsv(table(), file, header);
    }
}
