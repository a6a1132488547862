package org.robustgrid.harness.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.data.DataException;

/**
 * Joins shards' results files: one row per evaluation key, a successful row preferred over a failed
 * one, sorted by model key then attack so that the merge of n shards equals the unsharded run's rows.
 */
public final class ResultsMerge {

    private ResultsMerge() {}

    /** Every row of {@code inputs}, deduplicated and sorted. */
    public static List<ResultRow> merge(List<Path> inputs) {
        return new ArrayList<>(collect(inputs).keySet());
    }

    /** The merged rows in canonical order, each with the file it came from. */
    private static Map<ResultRow, Path> collect(List<Path> inputs) {
        Map<String, ResultRow> byKey = new LinkedHashMap<>();
        Map<String, Path> from = new LinkedHashMap<>();
        for (Path in : inputs) {
            if (!Files.isRegularFile(in)) {
                throw new DataException("results file " + in + " does not exist");
            }
            for (ResultRow r : ResultsStore.read(in)) {
                ResultRow prev = byKey.get(r.evalKey());
                if (prev == null || (!prev.ok() && r.ok())) {
                    byKey.put(r.evalKey(), r);
                    from.put(r.evalKey(), in);
                }
            }
        }
        List<ResultRow> rows = new ArrayList<>(byKey.values());
        rows.sort(ORDER);
        Map<ResultRow, Path> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r, from.get(r.evalKey())));
        return out;
    }

    /**
     * Writes the merge of {@code inputs} to {@code out}, with the per-image outcomes of every merged row
     * copied beside it, and returns the row count.
     */
    public static int merge(List<Path> inputs, Path out) {
        Map<ResultRow, Path> rows = collect(inputs);
        OutcomeStore target = OutcomeStore.besides(out);
        try (ResultsStore f = ResultsStore.open(out)) {
            rows.forEach((row, source) -> {
                target.copyFrom(OutcomeStore.besides(source), row.evalKey());
                f.append(row);
            });
        }
        return rows.size();
    }

    /** Canonical row order: by model key, then attack. */
    public static final Comparator<ResultRow> ORDER =
            Comparator.comparing((ResultRow r) -> r.model().modelKey()).thenComparing(ResultRow::attack);
}
