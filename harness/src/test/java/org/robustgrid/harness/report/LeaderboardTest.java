package org.robustgrid.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.results.AttackKind;
import org.robustgrid.harness.results.Measures;
import org.robustgrid.harness.results.ModelFacts;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.Outcomes;
import org.robustgrid.harness.results.Provenance;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.Training;
import org.robustgrid.harness.spi.Budget;

class LeaderboardTest {

    static final String PGD = "pgd(alpha=0.00784313725490196,eps=0.03137254901960784,steps=20)";
    static final Optional<Budget> EPS8 = Optional.of(new Budget(Budget.Norm.LINF, 8 / 255.0));

    /** A model robust on the first {@code robust} of 400 images. */
    private static ResultRow row(OutcomeStore store, String key, String activation, long seed, int robust) {
        int n = 400;
        boolean[] clean = new boolean[n];
        boolean[] adv = new boolean[n];
        for (int i = 0; i < n; i++) {
            clean[i] = i < 300;
            adv[i] = i < robust;
        }
        Outcomes o = Outcomes.of(clean, adv, new float[n], new float[n], EPS8, true);
        store.write(key, o);
        double[] ci = Measures.wilson(robust, n);
        ModelFacts m = new ModelFacts("synthetic", "small-cnn", activation, "fixed", "none", "none", 0, 0.1, "centralized", false, 1, 1, 1,
                seed, "m" + key, "recipe()");
        return new ResultRow(m, PGD, key, new Training(1, 1, 1), new Measures(0.75, 0.7, 0.8, robust / 400.0, ci[0], ci[1], 0.75, n, EPS8,
                0.1, 0, 0, 1, AttackKind.BOUNDED), new Provenance("v", "p", "s", "d", "e", "cpu"), ResultRow.Status.OK, "", Instant.now().toString());
    }

    @Test
    void modelsTheDataCannotSeparateShareARankAndSeedsAreSummarized(@TempDir Path dir) {
        OutcomeStore store = new OutcomeStore(dir);
        List<ResultRow> rows = new ArrayList<>();
        rows.add(row(store, "aaaaaaa1", "relu", 0, 200));
        rows.add(row(store, "aaaaaaa2", "relu", 1, 198)); // 2 images apart from the leader: a tie
        rows.add(row(store, "aaaaaaa3", "gelu", 0, 120)); // 80 apart: below
        Leaderboard b = Leaderboard.of(rows, store);
        List<ResultRow> ranked = b.rankings().get(PGD);
        assertEquals(List.of(1, 1, 2), ranked.stream().map(r -> b.rank(r).orElseThrow()).toList());
        String table = b.table();
        assertTrue(table.contains("== pgd(alpha=2/255,eps=8/255,steps=20) =="), table);
        assertTrue(table.contains("0.5000 [0.451,0.549]"), table);
        assertTrue(table.contains("== over seeds: pgd(alpha=2/255,eps=8/255,steps=20) =="), table);
        assertTrue(table.contains("  2 0.7500±0.0000     0.4975±0.0035"), table);
        // without stored outcomes no rank is claimed
        Leaderboard untested = Leaderboard.of(rows);
        assertTrue(untested.rank(ranked.get(0)).isEmpty());
        assertTrue(untested.csv().contains("\"pgd(alpha=2/255,eps=8/255,steps=20)\",,synthetic"), untested.csv());
    }

    @Test
    void configurationsOverSeedsAreOrderedByTheirMeanNotByTheirBestSeed(@TempDir Path dir) {
        OutcomeStore store = new OutcomeStore(dir);
        List<ResultRow> rows = List.of(row(store, "bbbbbbb1", "relu", 0, 200), row(store, "bbbbbbb2", "relu", 1, 100),
                row(store, "bbbbbbb3", "gelu", 0, 190), row(store, "bbbbbbb4", "gelu", 1, 190));
        String table = Leaderboard.of(rows, store).table();
        String seeds = table.substring(table.indexOf("== over seeds:"));
        assertTrue(seeds.indexOf("gelu") < seeds.indexOf("relu"), "gelu's mean 0.475 above relu's 0.375, though relu has the best seed: " + seeds);
    }

    @Test
    void aCompositeAttacksRowShowsItsBreakdownFromTheStoredStages(@TempDir Path dir) {
        OutcomeStore store = new OutcomeStore(dir);
        ResultRow r = row(store, "bbbbbbb1", "relu", 0, 200);
        // 300 clean right; apgd-ce broke 80, apgd-t 15, fab-t 0, square 5: 200 robust
        int[] by = new int[400];
        java.util.Arrays.fill(by, -1);
        for (int i = 200; i < 300; i++) {
            by[i] = i < 280 ? 0 : i < 295 ? 1 : 3;
        }
        store.writeStages("bbbbbbb1", new org.robustgrid.harness.results.Stages(List.of("apgd-ce", "apgd-t", "fab-t", "square"),
                new boolean[] {true, true, true, false}, new double[] {12.25, 40, 3, 1.5}, by));
        Leaderboard b = Leaderboard.of(List.of(r), store);
        String table = b.table();
        assertTrue(table.contains("breakdown (relu, seed 0): clean 0.7500 | apgd-ce 0.5500 (12.3 s) | apgd-t 0.5125 (40.0 s)"
                + " | fab-t 0.5125 (3.0 s) | square 0.5000 (1.5 s) | total 56.8 s"), table);
        assertEquals(new int[] {80, 15, 0, 5}.length, b.breakdown(r).orElseThrow().broken().length);
        assertTrue(Leaderboard.of(List.of(row(store, "bbbbbbb2", "relu", 1, 200)), store).table().lines().noneMatch(l -> l.contains("breakdown")));
    }
}
