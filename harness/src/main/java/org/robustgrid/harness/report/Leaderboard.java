package org.robustgrid.harness.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.Outcomes;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.WorstCase;
import org.robustgrid.harness.stats.RankGroups;
import org.robustgrid.harness.stats.Spread;

/**
 * Models ranked by robust accuracy, one ranking per eval attack (in the order attacks first appear,
 * worst cases included), ties broken by natural accuracy. Every accuracy carries its 95% Wilson
 * interval. Where the per-image outcomes are stored, models the data cannot separate share a rank:
 * every model is attacked on the same images, so each is compared with its group's leader by McNemar's
 * exact test on the images where exactly one of the two is robust, Holm-adjusted, at α = 0.05
 * ({@link RankGroups}). With several seeds, a summary gives each configuration's mean, spread and n.
 * Failed rows are listed after the rankings with their reason.
 */
public final class Leaderboard {

    /** What the text and the report say about ranks. */
    public static final String RANK_NOTE = "rank: models that McNemar's exact test (paired on the same images, Holm-adjusted, alpha 0.05)"
            + " cannot tell from their group's leader share its rank; '-' where per-image outcomes are not stored";

    private static final List<Column> DESCRIBE = List.of(Column.DATASET, Column.MODEL, Column.ACTIVATION, Column.LR_SCHEDULE,
            Column.TRAIN_ATTACK, Column.STRATEGY, Column.PARTITIONER, Column.SHARE, Column.SEED);

    private final Map<String, List<ResultRow>> byAttack;
    private final Map<String, Integer> rank;
    private final List<ResultRow> failed;
    private final Map<String, Breakdown> breakdowns;

    private Leaderboard(Map<String, List<ResultRow>> byAttack, Map<String, Integer> rank, List<ResultRow> failed,
            Map<String, Breakdown> breakdowns) {
        this.byAttack = byAttack;
        this.rank = rank;
        this.failed = failed;
        this.breakdowns = breakdowns;
    }

    /** A leaderboard without per-image outcomes: ranks are not tested. */
    public static Leaderboard of(List<ResultRow> rows) {
        return of(rows, null);
    }

    /** A leaderboard whose ranks come from the per-image outcomes in {@code outcomes} (null for none). */
    public static Leaderboard of(List<ResultRow> rows, OutcomeStore outcomes) {
        Map<String, List<ResultRow>> byAttack = new LinkedHashMap<>();
        List<ResultRow> failed = new ArrayList<>();
        for (ResultRow r : WorstCase.current(rows)) {
            if (r.ok()) {
                byAttack.computeIfAbsent(r.attack(), k -> new ArrayList<>()).add(r);
            } else {
                failed.add(r);
            }
        }
        Comparator<ResultRow> order = Comparator.comparingDouble((ResultRow r) -> -r.measures().robustAcc())
                .thenComparingDouble(r -> -r.measures().naturalAcc());
        byAttack.values().forEach(l -> l.sort(order));
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Breakdown> breakdowns = new HashMap<>();
        if (outcomes != null) {
            byAttack.values().forEach(l -> rank.putAll(groups(l, outcomes)));
            byAttack.values().forEach(l -> Breakdown.of(l, outcomes).forEach(b -> breakdowns.put(b.row().evalKey(), b)));
        }
        return new Leaderboard(byAttack, rank, failed, breakdowns);
    }

    /** Rank groups of one attack's rows, by evaluation key; empty unless every row has outcomes on the same images. */
    private static Map<String, Integer> groups(List<ResultRow> rows, OutcomeStore store) {
        Map<String, boolean[]> robust = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            Optional<Outcomes> o = store.read(r.evalKey());
            if (o.isEmpty() || (!robust.isEmpty() && robust.values().iterator().next().length != o.get().size())) {
                return Map.of();
            }
            robust.put(r.evalKey(), o.get().robust());
        }
        Map<String, Integer> out = new HashMap<>();
        for (RankGroups.Ranked g : RankGroups.of(robust)) {
            out.put(g.name(), g.group());
        }
        return out;
    }

    /** The rank group of a row, or empty where it was not tested. */
    public Optional<Integer> rank(ResultRow r) {
        return Optional.ofNullable(rank.get(r.evalKey()));
    }

    /** The ranking as a text table, one block per attack, then the seed summaries and failed rows. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        if (!byAttack.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%s; robust and natural with their 95%% Wilson intervals%n", RANK_NOTE));
        }
        for (Map.Entry<String, List<ResultRow>> e : byAttack.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%n== %s ==%n", SpecText.display(e.getKey())));
            sb.append(String.format(Locale.ROOT, "%4s  %-22s %-8s %-22s %-22s %5s %4s %-24s %-24s %8s  %s%n", "rank", "activation", "lr",
                    "strategy", "partitioner", "share", "seed", "natural [95% CI]", "robust [95% CI]", "success", "model"));
            for (ResultRow r : e.getValue()) {
                sb.append(String.format(Locale.ROOT, "%4s  %-22s %-8s %-22s %-22s %5s %4s %-24s %-24s %8s  %s%s%n",
                        rank(r).map(String::valueOf).orElse("-"), shortSpec(SpecText.display(r.model().activation())), r.model().lrSchedule(),
                        shortSpec(SpecText.display(r.model().strategy())), shortSpec(SpecText.display(r.model().partitioner())), r.get(Column.SHARE),
                        r.model().seed(), withInterval(r.measures().naturalAcc(), r.measures().naturalLow(), r.measures().naturalHigh()),
                        withInterval(r.measures().robustAcc(), r.measures().robustLow(), r.measures().robustHigh()),
                        num(r.measures().successRate()), r.model().model(), r.warning().isEmpty() ? "" : "  WARNING: " + r.warning()));
            }
            for (ResultRow r : e.getValue()) {
                Breakdown b = breakdowns.get(r.evalKey());
                if (b != null) {
                    sb.append(String.format(Locale.ROOT, "      breakdown (%s, seed %d): %s%n", shortSpec(SpecText.display(r.model().activation())),
                            r.model().seed(), b.line()));
                }
            }
        }
        seeds(sb);
        if (!failed.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n== failed ==%n"));
            for (ResultRow r : failed) {
                sb.append(String.format(Locale.ROOT, "  %s %s %s: %s%n", SpecText.display(r.model().activation()), r.model().lrSchedule(),
                        SpecText.display(r.attack()), r.warning()));
            }
        }
        return sb.toString();
    }

    /** Per attack, each configuration trained with more than one seed: mean and sample spread of its accuracies, and n. */
    private void seeds(StringBuilder sb) {
        for (Map.Entry<String, List<ResultRow>> e : byAttack.entrySet()) {
            Map<String, List<ResultRow>> byConfig = bySeedlessConfig(e.getValue());
            if (byConfig.values().stream().noneMatch(l -> l.size() > 1)) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%n== over seeds: %s ==%n", SpecText.display(e.getKey())));
            sb.append(String.format(Locale.ROOT, "%-22s %-8s %-22s %-22s %5s %3s %-17s %-17s%n", "activation", "lr", "strategy", "partitioner",
                    "share", "n", "natural mean±sd", "robust mean±sd"));
            // best mean robust accuracy first (ties: best mean natural accuracy)
            List<List<ResultRow>> configs = new ArrayList<>(byConfig.values());
            configs.sort(java.util.Comparator.<List<ResultRow>>comparingDouble(l -> -mean(l, true)).thenComparingDouble(l -> -mean(l, false)));
            for (List<ResultRow> l : configs) {
                ResultRow r = l.get(0);
                Spread nat = Spread.of(l.stream().mapToDouble(x -> x.measures().naturalAcc()).toArray());
                Spread rob = Spread.of(l.stream().mapToDouble(x -> x.measures().robustAcc()).toArray());
                sb.append(String.format(Locale.ROOT, "%-22s %-8s %-22s %-22s %5s %3d %-17s %-17s%n", shortSpec(SpecText.display(r.model().activation())),
                        r.model().lrSchedule(), shortSpec(SpecText.display(r.model().strategy())), shortSpec(SpecText.display(r.model().partitioner())),
                        r.get(Column.SHARE), l.size(), meanSd(nat), meanSd(rob)));
            }
        }
    }

    private static double mean(List<ResultRow> rows, boolean robust) {
        return rows.stream().mapToDouble(x -> robust ? x.measures().robustAcc() : x.measures().naturalAcc()).average().orElse(Double.NaN);
    }

    /** Rows grouped by everything that describes their model except the seed, in ranking order. */
    static Map<String, List<ResultRow>> bySeedlessConfig(List<ResultRow> rows) {
        Map<String, List<ResultRow>> out = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            var m = r.model();
            String key = String.join("|", m.dataset(), m.model(), m.activation(), m.lrSchedule(), m.trainAttack(), m.partitioner(),
                    Double.toString(m.share()), Double.toString(m.sharePool()), m.strategy(), Integer.toString(m.clients()),
                    Integer.toString(m.rounds()), m.recipe());
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The breakdown of a composite attack's row (robust accuracy after each stage, time per stage), where stored. */
    Optional<Breakdown> breakdown(ResultRow r) {
        return Optional.ofNullable(breakdowns.get(r.evalKey()));
    }

    /** The ranking as CSV: attack, rank group, what describes the model, accuracies with intervals, budget, keys. */
    public String csv() {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            List<String> header = new ArrayList<>(List.of("attack", "rank"));
            DESCRIBE.forEach(c -> header.add(c.header()));
            header.addAll(List.of("natural_acc", "natural_low", "natural_high", "robust_acc", "robust_low", "robust_high", "budget_norm",
                    "budget_eps", "success_rate", "median_l2", "eval_examples", "model_key", "warning"));
            p.printRecord(header);
            for (Map.Entry<String, List<ResultRow>> e : byAttack.entrySet()) {
                for (ResultRow r : e.getValue()) {
                    List<String> v = new ArrayList<>(List.of(SpecText.display(e.getKey()), rank(r).map(String::valueOf).orElse("")));
                    DESCRIBE.forEach(c -> v.add(r.get(c)));
                    for (Column c : List.of(Column.NATURAL_ACC, Column.NATURAL_LOW, Column.NATURAL_HIGH, Column.ROBUST_ACC, Column.ROBUST_LOW,
                            Column.ROBUST_HIGH, Column.BUDGET_NORM, Column.BUDGET_EPS, Column.SUCCESS_RATE, Column.MEDIAN_L2,
                            Column.EVAL_EXAMPLES, Column.MODEL_KEY, Column.WARNING)) {
                        v.add(r.get(c));
                    }
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

    static String withInterval(double v, double low, double high) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Double.isNaN(low) ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4f [%.3f,%.3f]", v, low, high);
    }

    private static String meanSd(Spread s) {
        return s.n() < 2 ? String.format(Locale.ROOT, "%.4f", s.mean()) : String.format(Locale.ROOT, "%.4f±%.4f", s.mean(), s.sd());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** A spec cut to a table column's width. */
    static String shortSpec(String spec) {
        return spec.length() <= 22 ? spec : spec.substring(0, 20) + "…";
    }
}
