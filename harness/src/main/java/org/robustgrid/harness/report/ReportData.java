package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.robustgrid.harness.checkpoint.TrainingLog;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.WorstCase;

/**
 * The rows a report draws and the aggregates its sections share. Where several models share a chart
 * position (seeds, learning-rate schedules, training attacks), the position shows their mean; natural
 * accuracy is averaged over models, not over rows, because a model has one row per eval attack.
 */
final class ReportData {

    /** The {@code data-series} key of natural accuracy. */
    static final String NATURAL = "natural";

    final List<ResultRow> rows;
    final List<ResultRow> ok;
    final List<String> attacks;
    final Map<String, String> attackLabels;
    /** The per-image outcomes beside the results file, or null when the report has only the rows. */
    final OutcomeStore outcomes;
    /** The training logs of the run, by model key; empty when there are none. */
    final Map<String, TrainingLog> logs;

    ReportData(List<ResultRow> rows, OutcomeStore outcomes, Map<String, TrainingLog> logs) {
        this.outcomes = outcomes;
        this.logs = logs;
        rows = WorstCase.current(rows);
        this.rows = List.copyOf(rows);
        this.ok = rows.stream().filter(ResultRow::ok).toList();
        this.attacks = distinct(ok, Column.ATTACK);
        this.attackLabels = Specs.labels(attacks);
    }

    /** Rows the activation charts draw: centralized ones when there are any, since federated models are shown apart. */
    List<ResultRow> activationRows() {
        List<ResultRow> central = ok.stream().filter(r -> !r.model().federated()).toList();
        return central.isEmpty() ? ok : central;
    }

    String activationScope() {
        boolean fed = ok.stream().anyMatch(r -> r.model().federated());
        boolean central = ok.stream().anyMatch(r -> !r.model().federated());
        if (fed && central) {
            return "Centralized models only; federated models are in the federated section. ";
        }
        return fed ? "All models here are federated. " : "";
    }

    /** Activations ordered by mean robust accuracy over attacks, best first; ties by name. */
    List<String> rankedActivations(List<ResultRow> scope) {
        List<String> acts = distinct(scope, Column.ACTIVATION);
        Map<String, Double> score = new LinkedHashMap<>();
        for (String a : acts) {
            double sum = 0;
            int n = 0;
            for (String att : attacks) {
                Mean m = Mean.of(scope, r -> a.equals(r.model().activation()) && att.equals(r.attack()), Column.ROBUST_ACC);
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

    /** The natural accuracy's bars: a grey that no attack's style uses, so that it never looks like a robust accuracy. */
    static final Svg.Style NATURAL_STYLE = new Svg.Style("#8c8c8c", 0);

    /** Natural accuracy first, then one series per eval attack, styled by the attack's place among all attacks. */
    List<BarChart.Series> series(List<String> shown) {
        List<BarChart.Series> out = new ArrayList<>();
        out.add(new BarChart.Series(NATURAL, "natural (clean test set)", NATURAL_STYLE));
        for (String a : shown) {
            out.add(new BarChart.Series(a, "robust: " + attackLabels.get(a), Svg.style(attacks.indexOf(a))));
        }
        return out;
    }

    /**
     * The note under a bar chart drawn with {@link #fill}: what its whiskers are. A bar of one model carries that
     * model's 95% Wilson interval; a bar of several, the mean of their intervals (the typical interval of one
     * of them), so a whisker always shows the sampling error of the test images, and the tooltip the spread
     * over models.
     */
    static final String WHISKERS = "Whiskers: the 95% Wilson interval of each measurement (for a bar of several models, the mean of"
            + " their intervals; hover a bar for the range over models).";

    /**
     * Fills group {@code g}: natural accuracy over its models, then robust accuracy per attack series over its rows,
     * each with its 95% interval in {@code low} and {@code high}.
     */
    static void fill(double[][] v, double[][] low, double[][] high, String[][] tips, int g, String label, List<BarChart.Series> series,
            List<ResultRow> group) {
        List<ResultRow> models = onePerModel(group);
        Mean nat = Mean.of(models, r -> true, Column.NATURAL_ACC);
        v[g][0] = nat.mean();
        low[g][0] = Mean.of(models, r -> true, Column.NATURAL_LOW).mean();
        high[g][0] = Mean.of(models, r -> true, Column.NATURAL_HIGH).mean();
        tips[g][0] = label + ", natural accuracy: " + nat.describe("model");
        for (int k = 1; k < series.size(); k++) {
            String att = series.get(k).key();
            Predicate<ResultRow> under = r -> att.equals(r.attack());
            Mean m = Mean.of(group, under, Column.ROBUST_ACC);
            v[g][k] = m.mean();
            low[g][k] = Mean.of(group, under, Column.ROBUST_LOW).mean();
            high[g][k] = Mean.of(group, under, Column.ROBUST_HIGH).mean();
            tips[g][k] = label + ", robust accuracy under " + att + ": " + m.describe("model");
        }
    }

    /**
     * The first row of each model: a model's natural accuracy is repeated on each of its attack rows.
     * A row without a model key (written by hand, say) counts as a model of its own.
     */
    static List<ResultRow> onePerModel(List<ResultRow> rows) {
        Set<String> seen = new HashSet<>();
        List<ResultRow> out = new ArrayList<>();
        for (ResultRow r : rows) {
            String k = r.model().modelKey();
            if (k.isEmpty() || seen.add(k)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Distinct non-empty values of a column, in order of first appearance. */
    static List<String> distinct(List<ResultRow> rows, Column c) {
        return rows.stream().map(r -> r.get(c)).filter(s -> !s.isEmpty()).distinct().toList();
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
}
