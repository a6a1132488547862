package org.robustgrid.harness.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.spi.Budget;

class OutcomesTest {

    static final Optional<Budget> L2 = Optional.of(new Budget(Budget.Norm.L2, 0.5));
    // image: 0 clean wrong; 1 attack failed; 2 broken at L2 0.3 (inside 0.5); 3 broken at L2 0.7 (outside); 4 clean wrong, "broken"
    static final boolean[] CLEAN = {false, true, true, true, false};
    static final boolean[] ADV = {true, true, false, false, false};
    static final float[] NORM_L2 = {0, 0, 0.3f, 0.7f, 0.2f};
    static final float[] NORM_LINF = {0, 0, 0.01f, 0.02f, 0.01f};

    @Test
    void robustMeansCleanCorrectAndNotBrokenWithinTheBudget() {
        // a minimum-norm attack: a success beyond the budget does not count
        Outcomes minNorm = Outcomes.of(CLEAN, ADV, NORM_L2, NORM_LINF, L2, false);
        assertArrayEquals(new boolean[] {false, true, false, true, false}, minNorm.robust());
        // a bounded attack: every success counts (the contract check has already held it to its budget)
        Outcomes bounded = Outcomes.of(CLEAN, ADV, NORM_L2, NORM_LINF, L2, true);
        assertArrayEquals(new boolean[] {false, true, false, false, false}, bounded.robust());
        assertEquals(1, bounded.robustCount());
        // a wrong clean image is robust at no budget, even where its adversarial image happens to be right (image 0)
        double[] r = minNorm.minimalNorms(Budget.Norm.L2);
        assertTrue(Double.isNaN(r[0]) && Double.isInfinite(r[1]) && Math.abs(r[2] - 0.3) < 1e-6);
    }

    @Test
    void theWorstCaseIsRobustOnlyWhereEveryAttackAtItsBudgetFailed(@TempDir Path dir) {
        OutcomeStore store = new OutcomeStore(dir);
        Outcomes a = Outcomes.of(CLEAN, new boolean[] {true, true, false, true, false}, NORM_L2, NORM_LINF, L2, true);
        Outcomes b = Outcomes.of(CLEAN, new boolean[] {true, false, true, true, false}, NORM_L2, NORM_LINF, L2, true);
        Outcomes other = Outcomes.of(CLEAN, new boolean[] {false, false, false, false, false}, NORM_L2, NORM_LINF,
                Optional.of(new Budget(Budget.Norm.LINF, 0.03)), true);
        List<ResultRow> rows = new ArrayList<>();
        rows.add(row("aaaaaaaaaaaaaaa1", "a", a));
        rows.add(row("aaaaaaaaaaaaaaa2", "b", b));
        rows.add(row("aaaaaaaaaaaaaaa3", "c", other)); // alone at its budget: no worst case there
        store.write("aaaaaaaaaaaaaaa1", a);
        store.write("aaaaaaaaaaaaaaa2", b);
        store.write("aaaaaaaaaaaaaaa3", other);
        Map<ResultRow, Outcomes> worst = WorstCase.of(rows, store);
        assertEquals(1, worst.size());
        ResultRow w = worst.keySet().iterator().next();
        assertArrayEquals(new boolean[] {false, false, false, true, false}, worst.get(w).robust());
        assertEquals(0.2, w.measures().robustAcc(), 1e-12);
        assertEquals(L2, w.measures().budget());
        assertEquals(2, WorstCase.attacks(w));
        assertEquals(a.size(), store.read("aaaaaaaaaaaaaaa1").orElseThrow().size());

        // a third attack at the budget makes a new worst-case row; readers rank the one over the most attacks
        Outcomes c = Outcomes.of(CLEAN, new boolean[] {true, true, true, false, false}, NORM_L2, NORM_LINF, L2, true);
        store.write("aaaaaaaaaaaaaaa4", c);
        rows.add(w);
        rows.add(row("aaaaaaaaaaaaaaa4", "d", c));
        ResultRow w3 = WorstCase.of(rows, store).keySet().iterator().next();
        assertEquals(3, WorstCase.attacks(w3));
        assertEquals(0.0, w3.measures().robustAcc(), 1e-12);
        rows.add(w3);
        List<ResultRow> current = WorstCase.current(rows);
        assertTrue(current.contains(w3) && !current.contains(w), current.toString());
        assertEquals(rows.size() - 1, current.size());
    }

    @Test
    void anAttackRecordedTwiceCountsOnceInTheWorstCase(@TempDir Path dir) {
        OutcomeStore store = new OutcomeStore(dir);
        Outcomes a = Outcomes.of(CLEAN, new boolean[] {true, true, false, true, false}, NORM_L2, NORM_LINF, L2, true);
        Outcomes b = Outcomes.of(CLEAN, new boolean[] {true, false, true, true, false}, NORM_L2, NORM_LINF, L2, true);
        store.write("aaaaaaaaaaaaaaa1", a);
        store.write("aaaaaaaaaaaaaaa2", b);
        ResultRow first = row("aaaaaaaaaaaaaaa1", "a", a);
        ResultRow again = new ResultRow(first.model(), first.attack(), first.evalKey(), first.training(), first.measures(), first.provenance(),
                first.status(), "", Instant.parse(first.timestamp()).plusSeconds(1).toString()); // two runs that shared the folder
        Map<ResultRow, Outcomes> worst = WorstCase.of(List.of(first, row("aaaaaaaaaaaaaaa2", "b", b), again), store);
        ResultRow w = worst.keySet().iterator().next();
        assertEquals(2, WorstCase.attacks(w), w.attack());
        assertTrue(w.attack().startsWith("worst-case(attacks=2,"), w.attack());
    }

    @Test
    void attacksOnDifferentImageCountsMakeOneWorstCaseEach(@TempDir Path dir) {
        OutcomeStore store = new OutcomeStore(dir);
        // two cheap attacks on 5 images, two costly ones on the first 3 (eval-limits)
        Outcomes a = Outcomes.of(CLEAN, new boolean[] {true, true, false, true, false}, NORM_L2, NORM_LINF, L2, true);
        Outcomes b = Outcomes.of(CLEAN, new boolean[] {true, false, true, true, false}, NORM_L2, NORM_LINF, L2, true);
        boolean[] clean3 = java.util.Arrays.copyOf(CLEAN, 3);
        float[] l2 = java.util.Arrays.copyOf(NORM_L2, 3);
        float[] linf = java.util.Arrays.copyOf(NORM_LINF, 3);
        Outcomes c = Outcomes.of(clean3, new boolean[] {true, false, false}, l2, linf, L2, true);
        Outcomes d = Outcomes.of(clean3, new boolean[] {false, true, false}, l2, linf, L2, true);
        List<ResultRow> rows = new ArrayList<>();
        for (var e : Map.of("aaaaaaaaaaaaaaa1", a, "aaaaaaaaaaaaaaa2", b, "aaaaaaaaaaaaaaa3", c, "aaaaaaaaaaaaaaa5", d).entrySet()) {
            store.write(e.getKey(), e.getValue());
            rows.add(row(e.getKey(), e.getKey().substring(14), e.getValue()));
        }
        Map<ResultRow, Outcomes> worst = WorstCase.of(rows, store);
        assertEquals(2, worst.size(), worst.keySet().toString());
        Map<Integer, ResultRow> byImages = new java.util.HashMap<>();
        worst.keySet().forEach(w -> byImages.put(w.measures().evalExamples(), w));
        assertEquals(Set.of(3, 5), byImages.keySet());
        assertTrue(byImages.get(3).attack().contains("images=3"), byImages.get(3).attack());
        assertEquals(0.0, byImages.get(3).measures().robustAcc(), 1e-12, "c and d together break all three");
        rows.addAll(worst.keySet());
        // both are current: a leaderboard shows the worst case of each image set
        assertTrue(WorstCase.current(rows).containsAll(worst.keySet()));
    }

    private static ResultRow row(String key, String attack, Outcomes o) {
        ModelFacts m = new ModelFacts("synthetic", "small-cnn", "relu", "fixed", "none", "none", 0, 0.1, "centralized", false, 1, 1, 1, 0,
                "m1", "recipe()");
        double acc = (double) o.robustCount() / o.size();
        Optional<Budget> budget = o == null ? Optional.empty() : attack.equals("c") ? Optional.of(new Budget(Budget.Norm.LINF, 0.03)) : L2;
        return new ResultRow(m, attack, key, new Training(10, 1, 1), new Measures(0.6, 0.5, 0.7, acc, 0, 1, 0.6, o.size(), budget, 0, 0, 0, 1,
                AttackKind.BOUNDED),
                new Provenance("v", attack + "@1", attack + "=a.jar#0", "d", "e", "cpu"), ResultRow.Status.OK, "", Instant.now().toString());
    }
}
