package org.robustgrid.harness.report;

import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Models ranked by robust accuracy, one ranking per eval attack (in the order attacks first appear),
 * ties broken by natural accuracy. Failed rows are listed after the ranking with their reason.
 */
public final class Leaderboard {

    private static final List<Column> DESCRIBE = List.of(Column.DATASET, Column.MODEL, Column.ACTIVATION, Column.LR_SCHEDULE,
            Column.TRAIN_ATTACK, Column.STRATEGY, Column.PARTITIONER, Column.SHARE, Column.SEED);

    private final Map<String, List<ResultRow>> byAttack;
    private final List<ResultRow> failed;

    private Leaderboard(Map<String, List<ResultRow>> byAttack, List<ResultRow> failed) {
        this.byAttack = byAttack;
        this.failed = failed;
    }

    public static Leaderboard of(List<ResultRow> rows) {
        Map<String, List<ResultRow>> byAttack = new LinkedHashMap<>();
        List<ResultRow> failed = new ArrayList<>();
        for (ResultRow r : rows) {
            if (r.ok()) {
                byAttack.computeIfAbsent(r.get(Column.ATTACK), k -> new ArrayList<>()).add(r);
            } else {
                failed.add(r);
            }
        }
        Comparator<ResultRow> order = Comparator.comparingDouble((ResultRow r) -> -r.number(Column.ROBUST_ACC))
                .thenComparingDouble(r -> -r.number(Column.NATURAL_ACC));
        byAttack.values().forEach(l -> l.sort(order));
        return new Leaderboard(byAttack, failed);
    }

    /** The ranking as a text table, one block per attack. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<ResultRow>> e : byAttack.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%n== %s ==%n", e.getKey()));
            sb.append(String.format(Locale.ROOT, "%4s  %-22s %-8s %-22s %-22s %5s %8s %8s %8s  %s%n", "rank", "activation", "lr",
                    "strategy", "partitioner", "share", "natural", "robust", "success", "model"));
            int rank = 1;
            for (ResultRow r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "%4d  %-22s %-8s %-22s %-22s %5s %8.4f %8.4f %8s  %s%s%n", rank++,
                        shortSpec(r.get(Column.ACTIVATION)), r.get(Column.LR_SCHEDULE), shortSpec(r.get(Column.STRATEGY)),
                        shortSpec(r.get(Column.PARTITIONER)), r.get(Column.SHARE), r.number(Column.NATURAL_ACC),
                        r.number(Column.ROBUST_ACC), pct(r.number(Column.SUCCESS_RATE)), r.get(Column.MODEL),
                        r.get(Column.WARNING).isEmpty() ? "" : "  WARNING: " + r.get(Column.WARNING)));
            }
        }
        if (!failed.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n== failed ==%n"));
            for (ResultRow r : failed) {
                sb.append(String.format(Locale.ROOT, "  %s %s %s: %s%n", r.get(Column.ACTIVATION), r.get(Column.LR_SCHEDULE),
                        r.get(Column.ATTACK), r.get(Column.WARNING)));
            }
        }
        return sb.toString();
    }

    /** The ranking as CSV: attack, rank, what describes the model, natural and robust accuracy, keys. */
    public String csv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            List<String> header = new ArrayList<>(List.of("attack", "rank"));
            DESCRIBE.forEach(c -> header.add(c.header()));
            header.addAll(List.of("natural_acc", "robust_acc", "success_rate", "median_l2", "eval_examples", "model_key", "warning"));
            p.printRecord(header);
            for (Map.Entry<String, List<ResultRow>> e : byAttack.entrySet()) {
                int rank = 1;
                for (ResultRow r : e.getValue()) {
                    List<String> v = new ArrayList<>(List.of(e.getKey(), Integer.toString(rank++)));
                    DESCRIBE.forEach(c -> v.add(r.get(c)));
                    v.addAll(List.of(r.get(Column.NATURAL_ACC), r.get(Column.ROBUST_ACC), r.get(Column.SUCCESS_RATE),
                            r.get(Column.MEDIAN_L2), r.get(Column.EVAL_EXAMPLES), r.get(Column.MODEL_KEY), r.get(Column.WARNING)));
                    p.printRecord(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The attacks ranked, in order. */
    public Map<String, List<ResultRow>> rankings() {
        return byAttack;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** {@code relu} for {@code relu}, {@code pgd(...)} trimmed to id plus its first value for tables. */
    static String shortSpec(String spec) {
        return spec.length() <= 22 ? spec : spec.substring(0, 20) + "…";
    }
}
