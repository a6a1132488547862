package org.robustgrid.harness.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.robustgrid.harness.data.DataException;

/**
 * Joins shards' results files: one row per evaluation key, a successful row preferred over a failed
 * one and of two alike the newest, sorted by model key then attack so that the merge of n shards equals
 * the unsharded run's rows. {@link #newest} is the same rule for the rows of one file (two runs that
 * wrote one folder at once, before folders were locked, recorded each evaluation twice).
 */
public final class ResultsMerge {

    private ResultsMerge() {}

    /**
     * Rows with one row per evaluation key.
     *
     * @param rows the rows kept, each at the place of its key's first row
     * @param duplicates evaluation keys that had more than one (different) row
     */
    public record Distinct(List<ResultRow> rows, int duplicates) {

        /** The one line that says what was dropped, for {@code file}; empty when nothing was. */
        public Optional<String> notice(Object file) {
            return duplicates == 0 ? Optional.empty() : Optional.of(file + ": " + duplicates + " evaluation" + (duplicates == 1 ? " has" : "s have")
                    + " more than one row (the same eval_key, written by runs that shared the folder); counting the newest of each once");
        }
    }

    /** One row per evaluation key: a successful row over a failed one, else the newer, else the later. */
    public static Distinct newest(List<ResultRow> rows) {
        Map<String, ResultRow> byKey = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        for (ResultRow r : rows) {
            ResultRow prev = byKey.get(r.evalKey());
            if (prev != null && !prev.equals(r)) {
                twice.add(r.evalKey());
            }
            if (prev == null || PREFERRED.compare(r, prev) >= 0) {
                byKey.put(r.evalKey(), r);
            }
        }
        return new Distinct(List.copyOf(byKey.values()), twice.size());
    }

    /** Which of two rows of one evaluation counts: a successful one, then the newer. */
    private static final Comparator<ResultRow> PREFERRED =
            Comparator.comparing(ResultRow::ok).thenComparing(r -> instant(r.timestamp()));

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    /** Every row of {@code inputs}, deduplicated and sorted. */
    public static List<ResultRow> merge(List<Path> inputs) {
        return new ArrayList<>(collect(inputs).rows().keySet());
    }

    /** The merged rows in canonical order, each with the file it came from; and how many keys had more than one row. */
    private record Collected(Map<ResultRow, Path> rows, int duplicates) {}

    private static Collected collect(List<Path> inputs) {
        List<ResultRow> all = new ArrayList<>();
        Map<ResultRow, Path> from = new IdentityHashMap<>();
        for (Path in : inputs) {
            if (!Files.isRegularFile(in)) {
                throw new DataException("results file " + in + " does not exist");
            }
            for (ResultRow r : ResultsStore.read(in)) {
                all.add(r);
                from.putIfAbsent(r, in);
            }
        }
        Distinct distinct = newest(all);
        List<ResultRow> rows = new ArrayList<>(distinct.rows());
        rows.sort(ORDER);
        Map<ResultRow, Path> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r, from.get(r)));
        return new Collected(out, distinct.duplicates());
    }

    /**
     * What a merge wrote.
     *
     * @param rows rows written
     * @param duplicates evaluation keys that had more than one row among the inputs
     */
    public record Merged(int rows, int duplicates) {}

    /**
     * Writes the merge of {@code inputs} to {@code out}, with the per-image outcomes of every merged row
     * copied beside it.
     */
    public static Merged merge(List<Path> inputs, Path out) {
        Collected c = collect(inputs);
        OutcomeStore target = OutcomeStore.besides(out);
        try (ResultsStore f = ResultsStore.open(out)) {
            c.rows().forEach((row, source) -> {
                target.copyFrom(OutcomeStore.besides(source), row.evalKey());
                f.append(row);
            });
        }
        return new Merged(c.rows().size(), c.duplicates());
    }

    /** Canonical row order: by model key, then attack. */
    public static final Comparator<ResultRow> ORDER =
            Comparator.comparing((ResultRow r) -> r.model().modelKey()).thenComparing(ResultRow::attack);
}
