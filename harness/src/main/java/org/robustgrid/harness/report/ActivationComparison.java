package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.ModelFacts;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.WorstCase;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.stats.Holm;
import org.robustgrid.harness.stats.StudentT;

/**
 * Which activations differ from a baseline activation in robust accuracy, per eval attack, measured against
 * the seed-to-seed noise of the grid's own models (not only the image sampling: two seeds of one activation
 * also differ on 10,000 images, so a McNemar test of two models says little about their activations).
 *
 * <p>For an attack, a <em>setting</em> is everything that made a model but its activation and its seed
 * (schedule, recipe, strategy, ...). An activation is paired with the baseline in every (setting, seed) both
 * have: a model and the baseline's model of the same seed start from the same draws (data order, and the
 * initial weights of every layer of the same shape), so their difference cancels much of what the seed does
 * to both. With m pairs of differences d, mean Δ̄ and standard deviation s_d, the paired t test: t = Δ̄ / (s_d/√m)
 * with m − 1 degrees of freedom. Each activation's test uses its own differences only, so an activation whose
 * seeds scatter widely (one that sometimes fails to train) does not hide another's difference. An activation
 * is tested when it and the baseline each have two seeds of some setting (the differences then measure the
 * seed noise, not only how settings differ) and two pairs or more. The activations' p-values are Holm-adjusted
 * within the attack; below 0.05 the activation is {@code higher} or {@code lower}, else {@code not separated}.
 * How much: Δ̄ ± q·s_d/√m, q the t critical value at 0.05/k for k activations, a 95% interval simultaneous over
 * the attack's activations (Bonferroni; an interval that excludes 0 always comes with a Holm verdict of higher
 * or lower).
 */
public final class ActivationComparison {

    /** The family-wise level. */
    static final double ALPHA = 0.05;

    private ActivationComparison() {}

    /**
     * One activation against the baseline under one attack.
     *
     * @param activation the activation spec
     * @param pairs (setting, seed) pairs with the baseline
     * @param robust its mean robust accuracy over those pairs
     * @param baseline the baseline's over the same pairs
     * @param lowest the smallest difference of a pair
     * @param highest the largest
     * @param low the lower end of the mean difference's simultaneous 95% interval
     * @param high its upper end
     * @param sd the standard deviation of the pairs' differences
     * @param df the test's degrees of freedom, pairs − 1
     * @param t the statistic
     * @param p the Holm-adjusted two-sided p-value
     */
    public record Line(String activation, int pairs, double robust, double baseline, double lowest, double highest, double low, double high,
            double sd, double df, double t, double p) {
        double delta() {
            return robust - baseline;
        }

        String verdict() {
            return p < ALPHA ? (delta() > 0 ? "higher" : "lower") : "not separated";
        }
    }

    /**
     * The comparison under one attack.
     *
     * @param attack the attack's spec
     * @param images eval images of its rows
     * @param baselineSd the baseline's seed-to-seed standard deviation of robust accuracy
     * @param lines one per activation other than the baseline with two pairs or more and two seeds of a setting, in the order of the rows
     */
    public record Attack(String attack, int images, double baselineSd, List<Line> lines) {}

    /**
     * Compares every activation with {@code baselineId} under each attack whose rows allow it (two seeds of at
     * least one configuration, and the baseline present).
     *
     * @param rows results rows, one per eval key
     * @param baselineId the baseline activation's id, e.g. {@code relu}
     * @throws SpecException when no row has the baseline, or no attack has another activation and two seeds of a configuration
     */
    public static List<Attack> of(List<ResultRow> rows, String baselineId) {
        Map<String, List<ResultRow>> byAttack = new LinkedHashMap<>();
        boolean anyBaseline = false;
        for (ResultRow r : WorstCase.current(rows)) {
            if (!r.ok() || Double.isNaN(r.measures().robustAcc())) {
                continue;
            }
            anyBaseline |= id(r.model().activation()).equals(baselineId);
            byAttack.computeIfAbsent(r.attack() + "|" + r.measures().evalExamples(), k -> new ArrayList<>()).add(r);
        }
        if (!anyBaseline) {
            throw new SpecException("no completed row has the baseline activation '" + baselineId + "'; give --baseline one of the results'"
                    + " activation ids: " + String.join(", ", rows.stream().map(r -> id(r.model().activation())).distinct().toList()));
        }
        List<Attack> out = new ArrayList<>();
        for (List<ResultRow> attackRows : byAttack.values()) {
            attack(attackRows, baselineId).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            throw new SpecException("nothing to compare: no attack has another activation paired with " + baselineId + " in the same setting"
                    + " and seed, and two seeds of some configuration to measure the seed noise with; compare needs a grid of two activations"
                    + " or more and seeds = 0,1 or more");
        }
        return out;
    }

    private static Optional<Attack> attack(List<ResultRow> rows, String baselineId) {
        // (activation, setting) -> seed -> robust accuracy
        Map<String, Map<String, Map<Long, Double>>> acc = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            acc.computeIfAbsent(r.model().activation(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(setting(r.model()), s -> new LinkedHashMap<>())
                    .put(r.model().seed(), r.measures().robustAcc());
        }
        String baseline = acc.keySet().stream().filter(a -> id(a).equals(baselineId)).findFirst().orElse(null);
        SeedVariance base = baseline == null ? null : SeedVariance.of(acc.get(baseline));
        if (base == null || base.df() == 0) {
            return Optional.empty();
        }
        List<Paired> paired = new ArrayList<>();
        for (String activation : acc.keySet()) {
            SeedVariance own = SeedVariance.of(acc.get(activation));
            if (activation.equals(baseline) || own.df() == 0) {
                continue;
            }
            List<Double> mine = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            acc.get(activation).forEach((setting, seeds) -> seeds.forEach((seed, v) -> {
                Double b = acc.get(baseline).getOrDefault(setting, Map.of()).get(seed);
                if (b != null) {
                    mine.add(v);
                    theirs.add(b);
                }
            }));
            if (mine.size() >= 2) {
                paired.add(new Paired(activation, mine, theirs));
            }
        }
        if (paired.isEmpty()) {
            return Optional.empty();
        }
        List<Line> raw = paired.stream().map(pair -> line(pair, paired.size())).toList();
        double[] adjusted = Holm.adjust(raw.stream().mapToDouble(Line::p).toArray());
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Line l = raw.get(i);
            lines.add(new Line(l.activation(), l.pairs(), l.robust(), l.baseline(), l.lowest(), l.highest(), l.low(), l.high(), l.sd(), l.df(),
                    l.t(), adjusted[i]));
        }
        ResultRow first = rows.get(0);
        return Optional.of(new Attack(first.attack(), first.measures().evalExamples(), Math.sqrt(base.variance()), lines));
    }

    /** An activation's robust accuracies and the baseline's, pair by pair. */
    private record Paired(String activation, List<Double> mine, List<Double> theirs) {}

    /**
     * One activation's paired differences with the baseline, tested: its p-value not yet adjusted; its interval
     * simultaneous over {@code k} activations.
     */
    private static Line line(Paired pair, int k) {
        List<Double> mine = pair.mine();
        List<Double> theirs = pair.theirs();
        int m = mine.size();
        double[] d = new double[m];
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            d[i] = mine.get(i) - theirs.get(i);
            lowest = Math.min(lowest, d[i]);
            highest = Math.max(highest, d[i]);
            sum += d[i];
        }
        double mean = sum / m;
        double squares = 0;
        for (double v : d) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (m - 1));
        double se = sd / Math.sqrt(m);
        double df = m - 1;
        double t = se > 0 ? mean / se : (mean == 0 ? 0 : Math.copySign(Double.MAX_VALUE, mean));
        double p = se > 0 ? StudentT.twoSidedP(t, df) : (mean == 0 ? 1 : 0);
        double half = se * StudentT.critical(ALPHA / k, df);
        return new Line(pair.activation(), m, mine.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                theirs.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), lowest, highest, mean - half, mean + half, sd, df, t, p);
    }

    /**
     * An activation's seed variance, pooled over its settings with two seeds or more.
     *
     * @param variance Σ(x − mean)² / Σ(n − 1); NaN without degrees of freedom
     * @param df Σ(n − 1), 0 when no setting has two seeds
     */
    private record SeedVariance(double variance, int df) {
        static SeedVariance of(Map<String, Map<Long, Double>> settings) {
            double squares = 0;
            int df = 0;
            for (Map<Long, Double> seeds : settings.values()) {
                if (seeds.size() >= 2) {
                    double mean = seeds.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    squares += seeds.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
                    df += seeds.size() - 1;
                }
            }
            return new SeedVariance(df == 0 ? Double.NaN : squares / df, df);
        }
    }

    /** Everything that made a model but its activation, its seed and its key. */
    private static String setting(ModelFacts m) {
        return String.join("|", m.dataset(), m.model(), m.lrSchedule(), m.trainAttack(), m.partitioner(), Double.toString(m.share()),
                Double.toString(m.sharePool()), m.strategy(), Integer.toString(m.clients()), Integer.toString(m.rounds()),
                Integer.toString(m.epochs()), m.recipe());
    }

    private static String id(String spec) {
        int paren = spec.indexOf('(');
        return paren < 0 ? spec : spec.substring(0, paren);
    }

    /** The comparisons as text, one block per attack. */
    public static String table(List<Attack> attacks, String baselineId) {
        StringBuilder sb = new StringBuilder();
        sb.append("against ").append(baselineId).append(": each activation paired with ").append(baselineId)
                .append(" in every (setting, seed) both have; delta = robust accuracy minus ").append(baselineId)
                .append("'s, per pair; 95% CI of the mean delta, simultaneous over the activations (Bonferroni); sd = the deltas'")
                .append(" standard deviation; paired t = mean delta / (sd / sqrt(pairs)), df = pairs - 1; p two-sided, Holm-adjusted")
                .append(" over the activations; alpha ").append(ALPHA).append('\n');
        for (Attack a : attacks) {
            sb.append(String.format(Locale.ROOT, "%n== %s on %d images: %s seed sd %.4f ==%n", SpecText.display(a.attack()), a.images(),
                    baselineId, a.baselineSd()));
            sb.append(String.format(Locale.ROOT, "%-30s %5s %8s %8s %8s %19s %19s %8s %5s %7s %9s  %s%n", "activation", "pairs", "robust",
                    baselineId, "delta", "95% CI of delta", "delta per pair", "sd", "df", "t", "p (Holm)", "verdict"));
            for (Line l : a.lines()) {
                sb.append(String.format(Locale.ROOT, "%-30s %5d %8.4f %8.4f %+8.4f %+9.4f..%+8.4f %+9.4f..%+8.4f %8.4f %5.1f %7.2f %9.4f  %s%n",
                        SpecText.display(l.activation()), l.pairs(), l.robust(), l.baseline(), l.delta(), l.low(), l.high(), l.lowest(), l.highest(),
                        l.sd(), l.df(), l.t(), l.p(), l.verdict()));
            }
        }
        return sb.toString();
    }
}
