package org.robustgrid.harness.results;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A results file as one self-contained HTML page: what was run, natural against robust accuracy per
 * activation, an activation × attack heat map, federated training by partition and sharing fraction,
 * the leaderboard, failed rows and warnings. The page fetches nothing (no scripts, fonts, style sheets
 * or images from anywhere; charts are inline SVG) and is the same bytes under every default locale.
 *
 * <p>Where several models share a chart position (seeds, learning-rate schedules, training attacks),
 * the position shows their mean; natural accuracy is averaged over models, not over rows, because a
 * model has one row per eval attack.
 */
public final class Report {

    /** The {@link Column#STRATEGY} id of training on one machine; every other strategy is federated. */
    static final String CENTRALIZED = "centralized";
    /** The {@code data-series} key of natural accuracy. */
    static final String NATURAL = "natural";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final List<ResultRow> rows;
    private final List<ResultRow> ok;
    private final List<String> attacks;
    private final Map<String, String> attackLabels;

    private Report(List<ResultRow> rows) {
        this.rows = List.copyOf(rows);
        this.ok = rows.stream().filter(ResultRow::ok).toList();
        this.attacks = distinct(ok, Column.ATTACK);
        this.attackLabels = Specs.labels(attacks);
    }

    /** A report of {@code rows} (any mix of successful and failed rows, in file order). */
    public static Report of(List<ResultRow> rows) {
        return new Report(rows);
    }

    /**
     * The page.
     *
     * @param source the results file as the reader named it: shown in the header and in the command that regenerates the page
     * @return UTF-8 HTML text
     */
    public String html(String source) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "robustgrid report: " + String.join(", ", distinct(rows, Column.DATASET));
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Svg.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Svg.esc(title)).append("</h1>\n");
        header(h, source);
        activations(h);
        heatMap(h);
        federated(h);
        leaderboard(h);
        failed(h);
        warnings(h);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    // ---- 1. header

    private void header(StringBuilder h, String source) {
        h.append("<section id=\"overview\">\n<table class=\"facts\">\n");
        fact(h, "data set" + plural(distinct(rows, Column.DATASET)), String.join(", ", distinct(rows, Column.DATASET)));
        fact(h, "model" + plural(distinct(rows, Column.MODEL)), String.join(", ", distinct(rows, Column.MODEL)));
        long models = onePerModel(rows).size();
        long failedRows = rows.size() - ok.size();
        fact(h, "size", String.format(Locale.ROOT, "%d trained model%s, %d row%s (%d ok, %d failed)", models, models == 1 ? "" : "s",
                rows.size(), rows.size() == 1 ? "" : "s", ok.size(), failedRows));
        fact(h, "activations", String.join(", ", Specs.labels(distinct(rows, Column.ACTIVATION)).values()));
        fact(h, "eval attacks", String.join("; ", attacks));
        fact(h, "strategies", String.join("; ", distinct(rows, Column.STRATEGY)));
        fact(h, "training attacks", String.join("; ", distinct(rows, Column.TRAIN_ATTACK)));
        fact(h, "harness", String.join(", ", distinct(rows, Column.HARNESS_VERSION)));
        fact(h, "DJL", String.join(", ", distinct(rows, Column.DJL_VERSION)));
        fact(h, "engine", String.join(", ", distinct(rows, Column.ENGINE)));
        fact(h, "device", String.join(", ", distinct(rows, Column.DEVICE)));
        fact(h, "dates", dateRange());
        fact(h, "results file", source);
        h.append("<tr><th>regenerate</th><td><code>./robustgrid report ").append(Svg.esc(source)).append("</code></td></tr>\n");
        h.append("</table>\n</section>\n");
    }

    private static void fact(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Svg.esc(name)).append("</th><td>").append(value.isEmpty() ? "–" : Svg.esc(value))
                .append("</td></tr>\n");
    }

    private static String plural(List<String> l) {
        return l.size() == 1 ? "" : "s";
    }

    private String dateRange() {
        TreeSet<Instant> when = new TreeSet<>();
        for (ResultRow r : rows) {
            try {
                when.add(Instant.parse(r.get(Column.TIMESTAMP)));
            } catch (DateTimeParseException e) {
                // a row without a readable time stamp does not move the range
            }
        }
        if (when.isEmpty()) {
            return "";
        }
        String first = WHEN.format(when.first());
        String last = WHEN.format(when.last());
        return first.equals(last) ? first : first + " – " + last;
    }

    // ---- 2. natural vs robust per activation

    /** Rows the activation charts draw: centralized ones when there are any, since federated models are shown apart. */
    private List<ResultRow> activationRows() {
        List<ResultRow> central = ok.stream().filter(r -> !federated(r)).toList();
        return central.isEmpty() ? ok : central;
    }

    private String activationScope() {
        boolean fed = ok.stream().anyMatch(Report::federated);
        boolean central = ok.stream().anyMatch(r -> !federated(r));
        if (fed && central) {
            return "Centralized models only; federated models are in the federated section. ";
        }
        return fed ? "All models here are federated. " : "";
    }

    /** Activations ordered by mean robust accuracy over attacks, best first; ties by name. */
    private List<String> rankedActivations(List<ResultRow> scope) {
        List<String> acts = distinct(scope, Column.ACTIVATION);
        Map<String, Double> score = new LinkedHashMap<>();
        for (String a : acts) {
            double sum = 0;
            int n = 0;
            for (String att : attacks) {
                Mean m = Mean.of(scope, r -> a.equals(r.get(Column.ACTIVATION)) && att.equals(r.get(Column.ATTACK)), Column.ROBUST_ACC);
                if (m.n() > 0) {
                    sum += m.mean();
                    n++;
                }
            }
            score.put(a, n == 0 ? Double.NEGATIVE_INFINITY : sum / n);
        }
        List<String> out = new ArrayList<>(acts);
        out.sort(Comparator.comparingDouble((String a) -> -score.get(a)).thenComparing(Function.identity()));
        return out;
    }

    private void activations(StringBuilder h) {
        h.append("<section id=\"activations\">\n<h2>Natural and robust accuracy per activation</h2>\n");
        List<ResultRow> scope = activationRows();
        if (scope.isEmpty()) {
            h.append("<p class=\"note\">No successful evaluations to draw.</p>\n</section>\n");
            return;
        }
        List<String> acts = rankedActivations(scope);
        Map<String, String> labels = Specs.labels(acts);
        List<BarChart.Series> series = series(attacks);
        double[][] v = new double[acts.size()][series.size()];
        String[][] tips = new String[acts.size()][series.size()];
        for (int g = 0; g < acts.size(); g++) {
            String a = acts.get(g);
            fill(v, tips, g, labels.get(a), series, scope.stream().filter(r -> a.equals(r.get(Column.ACTIVATION))).toList());
        }
        List<BarChart.Item> groups = acts.stream().map(a -> new BarChart.Item(a, labels.get(a))).toList();
        h.append("<p class=\"note\">").append(Svg.esc(activationScope()))
                .append("Each bar is the mean over the models that share the activation (seeds, learning-rate schedules, training attacks);"
                        + " hover a bar for the number of models and their range. Activations are ordered by mean robust accuracy,"
                        + " best first.</p>\n");
        h.append("<div class=\"figure\">\n")
                .append(new BarChart("activations", "Natural and robust accuracy by activation", "activation", groups, series, v, tips,
                        List.of()).svg())
                .append("</div>\n</section>\n");
    }

    /** Natural accuracy first, then one series per eval attack, coloured by the attack's place among all attacks. */
    private List<BarChart.Series> series(List<String> shown) {
        List<BarChart.Series> out = new ArrayList<>();
        out.add(new BarChart.Series(NATURAL, "natural (clean test set)", Svg.color(0)));
        for (String a : shown) {
            out.add(new BarChart.Series(a, "robust: " + attackLabels.get(a), Svg.color(attacks.indexOf(a) + 1)));
        }
        return out;
    }

    /** Fills group {@code g}: natural accuracy over its models, then robust accuracy per attack series over its rows. */
    private static void fill(double[][] v, String[][] tips, int g, String label, List<BarChart.Series> series, List<ResultRow> group) {
        Mean nat = Mean.of(onePerModel(group), r -> true, Column.NATURAL_ACC);
        v[g][0] = nat.mean();
        tips[g][0] = label + ", natural accuracy: " + nat.describe("model");
        for (int k = 1; k < series.size(); k++) {
            String att = series.get(k).key();
            Mean m = Mean.of(group, r -> att.equals(r.get(Column.ATTACK)), Column.ROBUST_ACC);
            v[g][k] = m.mean();
            tips[g][k] = label + ", robust accuracy under " + att + ": " + m.describe("model");
        }
    }

    // ---- 3. heat map

    private void heatMap(StringBuilder h) {
        h.append("<section id=\"heatmap\">\n<h2>Robust accuracy: activation × attack</h2>\n");
        List<ResultRow> scope = activationRows();
        if (scope.isEmpty()) {
            h.append("<p class=\"note\">No successful evaluations to draw.</p>\n</section>\n");
            return;
        }
        List<String> acts = rankedActivations(scope);
        Map<String, String> labels = Specs.labels(acts);
        double[][] v = new double[acts.size()][attacks.size()];
        String[][] tips = new String[acts.size()][attacks.size()];
        for (int r = 0; r < acts.size(); r++) {
            String a = acts.get(r);
            for (int c = 0; c < attacks.size(); c++) {
                String att = attacks.get(c);
                Mean m = Mean.of(scope, x -> a.equals(x.get(Column.ACTIVATION)) && att.equals(x.get(Column.ATTACK)), Column.ROBUST_ACC);
                v[r][c] = m.mean();
                tips[r][c] = labels.get(a) + " under " + att + ": " + m.describe("model");
            }
        }
        h.append("<p class=\"note\">").append(Svg.esc(activationScope()))
                .append("Mean robust accuracy; rows sorted by their mean over attacks, best first. The color scale spans the values"
                        + " shown (see its key).</p>\n");
        h.append("<div class=\"figure\">\n")
                .append(new HeatMap("heatmap", "Robust accuracy by activation and eval attack",
                        acts.stream().map(a -> new BarChart.Item(a, labels.get(a))).toList(),
                        attacks.stream().map(a -> new BarChart.Item(a, attackLabels.get(a))).toList(), v, tips).svg())
                .append("</div>\n</section>\n");
    }

    // ---- 4. federated

    private void federated(StringBuilder h) {
        h.append("<section id=\"federated\">\n<h2>Federated training: IID, non-IID and data sharing</h2>\n");
        List<ResultRow> fed = ok.stream().filter(Report::federated).toList();
        if (fed.isEmpty()) {
            h.append("<p class=\"note\">No federated rows in this results file (every strategy is centralized),"
                    + " so there is no IID against non-IID comparison to draw.</p>\n</section>\n");
            return;
        }
        List<String> strategies = distinct(fed, Column.STRATEGY);
        Map<String, String> strategyLabels = Specs.labels(strategies);
        Map<String, String> partLabels = Specs.labels(distinct(fed, Column.PARTITIONER));
        record Key(String strategy, String partitioner, String share) {}
        List<Key> keys = new ArrayList<>(new LinkedHashSet<>(
                fed.stream().map(r -> new Key(r.get(Column.STRATEGY), r.get(Column.PARTITIONER), r.get(Column.SHARE))).toList()));
        List<String> partOrder = distinct(fed, Column.PARTITIONER);
        keys.sort(Comparator.comparingInt((Key k) -> strategies.indexOf(k.strategy()))
                .thenComparingInt(k -> partOrder.indexOf(k.partitioner()))
                .thenComparingDouble(k -> parse(k.share()))
                .thenComparing(Key::share));
        List<String> fedAttacks = attacks.stream().filter(a -> fed.stream().anyMatch(r -> a.equals(r.get(Column.ATTACK)))).toList();
        List<BarChart.Series> series = series(fedAttacks);
        double[][] v = new double[keys.size()][series.size()];
        String[][] tips = new String[keys.size()][series.size()];
        List<BarChart.Item> groups = new ArrayList<>();
        for (int g = 0; g < keys.size(); g++) {
            Key k = keys.get(g);
            String label = (strategies.size() > 1 ? strategyLabels.get(k.strategy()) + " · " : "") + partLabels.get(k.partitioner())
                    + " · share " + k.share();
            groups.add(new BarChart.Item(k.strategy() + " | " + k.partitioner() + " | share=" + k.share(), label));
            List<ResultRow> group = fed.stream().filter(r -> k.strategy().equals(r.get(Column.STRATEGY))
                    && k.partitioner().equals(r.get(Column.PARTITIONER)) && k.share().equals(r.get(Column.SHARE))).toList();
            fill(v, tips, g, label, series, group);
        }
        // compare like with like: centralized models of the activations that were also trained federated
        Set<String> fedActs = new LinkedHashSet<>(distinct(fed, Column.ACTIVATION));
        List<ResultRow> central = ok.stream().filter(r -> !federated(r) && fedActs.contains(r.get(Column.ACTIVATION))).toList();
        List<BarChart.Reference> refs = new ArrayList<>();
        String refNote;
        if (central.isEmpty()) {
            refNote = ok.stream().anyMatch(r -> !federated(r))
                    ? "No centralized model uses the activations trained here, so no centralized reference is drawn."
                    : "No centralized rows, so no centralized reference is drawn.";
        } else {
            refs.add(new BarChart.Reference("centralized natural", Mean.of(onePerModel(central), r -> true, Column.NATURAL_ACC).mean(),
                    series.get(0).color()));
            for (int s = 1; s < series.size(); s++) {
                String att = series.get(s).key();
                Mean m = Mean.of(central, r -> att.equals(r.get(Column.ATTACK)), Column.ROBUST_ACC);
                if (m.n() > 0) {
                    refs.add(new BarChart.Reference("centralized " + attackLabels.get(att), m.mean(), series.get(s).color()));
                }
            }
            refNote = "Dashed lines: the same measures for centralized training of the same activation"
                    + (fedActs.size() == 1 ? "" : "s") + " (" + String.join(", ", Specs.labels(fedActs).values()) + ").";
        }
        h.append("<p class=\"note\">Groups are (partitioner, sharing fraction)")
                .append(strategies.size() > 1 ? ", per federated strategy" : " under " + Svg.esc(strategyLabels.get(strategies.get(0))))
                .append(". The sharing fraction is the size of the class-balanced global slice each client receives, relative to its"
                        + " local data (0: no sharing). Bars are means over activations, seeds and other settings. ")
                .append(Svg.esc(refNote)).append("</p>\n");
        h.append("<div class=\"figure\">\n")
                .append(new BarChart("federated", "Federated: natural and robust accuracy by partition and data sharing",
                        "partitioner · sharing fraction", groups, series, v, tips, refs).svg())
                .append("</div>\n</section>\n");
    }

    // ---- 5. tables

    private void leaderboard(StringBuilder h) {
        h.append("<section id=\"leaderboard\">\n<h2>Leaderboard</h2>\n");
        Map<String, List<ResultRow>> ranked = Leaderboard.of(rows).rankings();
        if (ranked.isEmpty()) {
            h.append("<p class=\"note\">No successful evaluations to rank.</p>\n");
        }
        Map<String, String> acts = Specs.labels(distinct(rows, Column.ACTIVATION));
        Map<String, String> strategies = Specs.labels(distinct(rows, Column.STRATEGY));
        Map<String, String> parts = Specs.labels(distinct(rows, Column.PARTITIONER));
        Map<String, String> trainAttacks = Specs.labels(distinct(rows, Column.TRAIN_ATTACK));
        for (Map.Entry<String, List<ResultRow>> e : ranked.entrySet()) {
            h.append("<h3>").append(Svg.esc(attackLabels.getOrDefault(e.getKey(), e.getKey()))).append(" <span class=\"spec\">")
                    .append(Svg.esc(e.getKey())).append("</span></h3>\n");
            h.append("<table class=\"board\">\n<tr><th>rank</th><th>activation</th><th>LR</th><th>train attack</th><th>strategy</th>"
                    + "<th>partitioner</th><th>share</th><th>seed</th><th>natural</th><th>robust</th><th>success rate</th>"
                    + "<th>median L2</th><th>model key</th><th>warning</th></tr>\n");
            int rank = 1;
            for (ResultRow r : e.getValue()) {
                h.append("<tr><td class=\"num\">").append(rank++).append("</td>");
                spec(h, r.get(Column.ACTIVATION), acts);
                cell(h, r.get(Column.LR_SCHEDULE), false);
                spec(h, r.get(Column.TRAIN_ATTACK), trainAttacks);
                spec(h, r.get(Column.STRATEGY), strategies);
                spec(h, r.get(Column.PARTITIONER), parts);
                cell(h, r.get(Column.SHARE), true);
                cell(h, r.get(Column.SEED), true);
                cell(h, Svg.acc(r.number(Column.NATURAL_ACC)), true);
                cell(h, Svg.acc(r.number(Column.ROBUST_ACC)), true);
                cell(h, Svg.acc(r.number(Column.SUCCESS_RATE)), true);
                double l2 = r.number(Column.MEDIAN_L2);
                cell(h, Double.isNaN(l2) ? "–" : String.format(Locale.ROOT, "%.4f", l2), true);
                h.append("<td><code>").append(Svg.esc(r.get(Column.MODEL_KEY))).append("</code></td>");
                cell(h, r.get(Column.WARNING), false);
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    private void failed(StringBuilder h) {
        h.append("<section id=\"failed\">\n<h2>Failed rows</h2>\n");
        List<ResultRow> failed = rows.stream().filter(r -> !r.ok()).toList();
        if (failed.isEmpty()) {
            h.append("<p class=\"note\">No failed rows.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"failed\">\n<tr><th>activation</th><th>strategy</th><th>partitioner</th><th>share</th><th>seed</th>"
                + "<th>attack</th><th>status</th><th>reason</th></tr>\n");
        for (ResultRow r : failed) {
            h.append("<tr>");
            for (Column c : List.of(Column.ACTIVATION, Column.STRATEGY, Column.PARTITIONER, Column.SHARE, Column.SEED, Column.ATTACK,
                    Column.STATUS, Column.WARNING)) {
                cell(h, r.get(c), false);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private void warnings(StringBuilder h) {
        h.append("<section id=\"warnings\">\n<h2>Warnings</h2>\n");
        List<ResultRow> warned = ok.stream().filter(r -> !r.get(Column.WARNING).isBlank()).toList();
        if (warned.isEmpty()) {
            h.append("<p class=\"note\">No warnings.</p>\n</section>\n");
            return;
        }
        h.append("<p class=\"note\">Checks on evaluations that completed: robust accuracy above natural accuracy (a broken attack),"
                + " or a black-box attack beating a white-box one at the same budget (gradient masking suspected).</p>\n");
        h.append("<table class=\"warnings\">\n<tr><th>activation</th><th>strategy</th><th>seed</th><th>attack</th><th>model key</th>"
                + "<th>warning</th></tr>\n");
        for (ResultRow r : warned) {
            h.append("<tr>");
            for (Column c : List.of(Column.ACTIVATION, Column.STRATEGY, Column.SEED, Column.ATTACK, Column.MODEL_KEY, Column.WARNING)) {
                cell(h, r.get(c), false);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    private static void cell(StringBuilder h, String v, boolean number) {
        h.append(number ? "<td class=\"num\">" : "<td>").append(Svg.esc(v)).append("</td>");
    }

    private static void spec(StringBuilder h, String full, Map<String, String> labels) {
        String label = labels.getOrDefault(full, full);
        h.append("<td title=\"").append(Svg.esc(full)).append("\">").append(Svg.esc(label)).append("</td>");
    }

    // ---- helpers

    /** True unless the row's strategy is {@value #CENTRALIZED} (or not recorded). */
    static boolean federated(ResultRow r) {
        String id = Specs.id(r.get(Column.STRATEGY));
        return !id.isEmpty() && !CENTRALIZED.equals(id);
    }

    /**
     * The first row of each model: a model's natural accuracy is repeated on each of its attack rows.
     * A row without a model key (written by hand, say) counts as a model of its own.
     */
    private static List<ResultRow> onePerModel(List<ResultRow> rows) {
        Set<String> seen = new HashSet<>();
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            String k = r.get(Column.MODEL_KEY);
            if (k.isEmpty() || seen.add(k)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Distinct non-empty values of a column, in order of first appearance. */
    private static List<String> distinct(List<ResultRow> rows, Column c) {
        return rows.stream().map(r -> r.get(c)).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Mean, count and range of a column over the rows a filter keeps, ignoring empty values.
     *
     * @param n values averaged
     * @param mean their mean, NaN when none
     * @param min the least
     * @param max the greatest
     */
    record Mean(int n, double mean, double min, double max) {

        static Mean of(List<ResultRow> rows, Predicate<ResultRow> keep, Column c) {
            int n = 0;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (ResultRow r : rows) {
                double v = r.number(c);
                if (keep.test(r) && !Double.isNaN(v)) {
                    n++;
                    sum += v;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            return n == 0 ? new Mean(0, Double.NaN, Double.NaN, Double.NaN) : new Mean(n, sum / n, min, max);
        }

        /** "0.512 (mean of 3 models, range 0.500–0.530)". */
        String describe(String what) {
            if (n == 0) {
                return "no data";
            }
            if (n == 1) {
                return Svg.acc(mean) + " (1 " + what + ")";
            }
            return Svg.acc(mean) + " (mean of " + n + " " + what + "s, range " + Svg.acc(min) + "–" + Svg.acc(max) + ")";
        }
    }

    private static final String CSS = """
            body { font-family: DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif; color: #222; margin: 24px; max-width: 1400px; }
            h1 { font-size: 22px; margin: 0 0 12px 0; }
            h2 { font-size: 18px; margin: 28px 0 6px 0; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
            h3 { font-size: 15px; margin: 18px 0 6px 0; }
            .spec { font-weight: normal; font-size: 12px; color: #555; font-family: DejaVu Sans Mono, monospace; }
            p.note { font-size: 13px; color: #444; margin: 4px 0 10px 0; max-width: 1100px; }
            .figure { overflow-x: auto; }
            svg.chart { display: block; }
            table { border-collapse: collapse; font-size: 12px; margin: 4px 0 12px 0; }
            th, td { border: 1px solid #d0d0d0; padding: 3px 7px; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            tr:nth-child(even) td { background: #fafafa; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.facts th { width: 140px; }
            table.facts td { max-width: 1100px; overflow-wrap: anywhere; }
            code { font-family: DejaVu Sans Mono, monospace; font-size: 12px; }
            """;
}
