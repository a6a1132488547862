package org.robustgrid.harness.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Params;

/**
 * A model's worst case per budget and set of eval images, as AutoAttack reports one number: an image is
 * robust only if every eval attack reported at that budget on the same images failed on it (a grid whose
 * {@code eval-limits} give costly attacks fewer images has one worst case per image count). Computed from
 * the stored per-image outcomes, so an attack added to a finished grid updates it without attacking again:
 * the new worst case is a new row (its key covers the attacks it was made of), and readers take, per model,
 * budget and image count, the row over the most attacks ({@link #current}).
 */
public final class WorstCase {

    /** The attack id of worst-case rows. */
    public static final String ID = "worst-case";

    private WorstCase() {}

    /** Whether a row is a worst case rather than one attack's. */
    public static boolean is(ResultRow r) {
        return r.attack().equals(ID) || r.attack().startsWith(ID + "(");
    }

    /** How many attacks a worst-case row covers (its spec's {@code attacks}); 0 for other rows. */
    public static int attacks(ResultRow r) {
        if (!is(r)) {
            return 0;
        }
        String n = PluginSpec.parse(r.attack()).raw().get("attacks");
        return n == null ? 0 : Integer.parseInt(n);
    }

    /**
     * One model's worst-case rows with their outcomes: one per budget and count of eval images at which at
     * least two of its completed attack rows with stored outcomes were reported (where one attack is, that
     * attack's row is the worst case).
     *
     * @param modelRows rows of one model (others and failed rows are ignored)
     */
    public static Map<ResultRow, Outcomes> of(List<ResultRow> modelRows, OutcomeStore outcomes) {
        modelRows = ResultsMerge.newest(modelRows).rows(); // an attack recorded twice is one attack: attacks=N counts distinct specs
        Map<Group, List<ResultRow>> byBudget = new LinkedHashMap<>();
        Map<String, Outcomes> stored = new LinkedHashMap<>();
        for (ResultRow r : modelRows) {
            if (!r.ok() || is(r) || r.measures().budget().isEmpty()) {
                continue;
            }
            Optional<Outcomes> o = outcomes.read(r.evalKey());
            if (o.isPresent()) {
                stored.put(r.evalKey(), o.get());
                byBudget.computeIfAbsent(new Group(r.measures().budget().get(), o.get().size()), b -> new ArrayList<>()).add(r);
            }
        }
        Map<ResultRow, Outcomes> out = new LinkedHashMap<>();
        for (Map.Entry<Group, List<ResultRow>> e : byBudget.entrySet()) {
            List<ResultRow> members = e.getValue();
            int n = e.getKey().images();
            if (members.size() < 2) {
                continue; // one attack at a budget is its own worst case: its row says it all
            }
            boolean[] clean = stored.get(members.get(0).evalKey()).clean().clone();
            boolean[] adversarial = new boolean[n];
            boolean[] robust = new boolean[n];
            java.util.Arrays.fill(adversarial, true);
            java.util.Arrays.fill(robust, true);
            double seconds = 0;
            for (ResultRow r : members) {
                Outcomes o = stored.get(r.evalKey());
                for (int i = 0; i < n; i++) {
                    adversarial[i] &= o.adversarial()[i];
                    robust[i] &= o.robust()[i];
                }
                seconds += r.measures().evalSeconds();
            }
            float[] none = new float[n];
            java.util.Arrays.fill(none, Float.NaN);
            Outcomes worst = new Outcomes(clean, adversarial, robust, none, none.clone());
            out.put(row(members, e.getKey().budget(), worst, seconds), worst);
        }
        return out;
    }

    /** Rows compared in one worst case: the same budget, on the same eval images (the first {@code images} of the test set). */
    private record Group(Budget budget, int images) {}

    private static final java.util.Comparator<ResultRow> MOST_ATTACKS_THEN_NEWEST =
            java.util.Comparator.comparingInt(WorstCase::attacks).thenComparing(ResultRow::timestamp);

    /** The rows a leaderboard ranks: every attack row, and of each model's worst cases per budget and eval images the one over the most attacks. */
    public static List<ResultRow> current(List<ResultRow> rows) {
        Map<String, ResultRow> best = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (is(r) && r.ok()) {
                String k = r.model().modelKey() + "|" + r.measures().budget() + "|" + r.measures().evalExamples();
                ResultRow prev = best.get(k);
                if (prev == null || MOST_ATTACKS_THEN_NEWEST.compare(r, prev) > 0) {
                    best.put(k, r);
                }
            }
        }
        Set<ResultRow> keep = new java.util.HashSet<>(best.values());
        return rows.stream().filter(r -> !is(r) || !r.ok() || keep.contains(r)).toList();
    }

    private static ResultRow row(List<ResultRow> members, Budget budget, Outcomes worst, double seconds) {
        ResultRow first = members.get(0);
        int n = worst.size();
        long clean = 0;
        for (boolean b : worst.clean()) {
            clean += b ? 1 : 0;
        }
        long robust = worst.robustCount();
        double[] ci = Measures.wilson(robust, n);
        Measures m = new Measures(first.measures().naturalAcc(), first.measures().naturalLow(), first.measures().naturalHigh(),
                (double) robust / n, ci[0], ci[1], (double) clean / n, n, Optional.of(budget),
                clean == 0 ? Double.NaN : 1 - (double) robust / clean, Double.NaN, Double.NaN, seconds, AttackKind.WORST_CASE);
        String spec = ID + "(attacks=" + members.size() + ",eps=" + Params.format(budget.eps()) + ",images=" + n + ",norm=" + budget.norm().id() + ")";
        List<String> keys = members.stream().map(ResultRow::evalKey).sorted().toList();
        Set<String> versions = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        members.forEach(r -> versions.addAll(List.of(r.provenance().pluginVersions().split(" "))));
        members.forEach(r -> sources.addAll(List.of(r.provenance().pluginSources().split(" "))));
        Provenance f = first.provenance();
        Provenance p = new Provenance(f.harnessVersion(), f.harnessBuild(), String.join(" ", versions), String.join(" ", sources).strip(),
                f.djlVersion(), f.engine(), f.intraOpThreads(), f.interOpThreads(), f.device());
        return new ResultRow(first.model(), spec, Keys.hash(first.model().modelKey() + "|" + spec + "|" + String.join(",", keys)),
                first.training(), m, p, ResultRow.Status.OK, "", Instant.now().toString());
    }
}
