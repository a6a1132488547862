package org.robustgrid.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.results.AttackKind;
import org.robustgrid.harness.results.Measures;
import org.robustgrid.harness.results.ModelFacts;
import org.robustgrid.harness.results.Provenance;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.Training;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.stats.StudentT;

class ActivationComparisonTest {

    /** Robust accuracy per activation, schedule and seed: {fixed seed 0, fixed seed 1, cosine seed 0, cosine seed 1}. */
    static final Map<String, double[]> GRID = Map.of(
            "relu", new double[] {0.700, 0.710, 0.690, 0.700},
            "gelu(approximate=none)", new double[] {0.750, 0.762, 0.741, 0.748}, // five points above, seeds a point apart
            "mish", new double[] {0.705, 0.698, 0.693, 0.702}); // within the seed noise

    static List<ResultRow> rows(Map<String, double[]> grid, long... seeds) {
        List<ResultRow> rows = new ArrayList<>();
        grid.forEach((activation, acc) -> {
            int i = 0;
            for (String schedule : List.of("fixed", "cosine")) {
                for (long seed : seeds) {
                    rows.add(row(activation, schedule, seed, acc[i++]));
                }
            }
        });
        return rows;
    }

    static ResultRow row(String activation, String schedule, long seed, double robust) {
        String key = activation + schedule + seed;
        ModelFacts m = new ModelFacts("fashion-mnist", "small-cnn", activation, schedule, "pgd", "none", 0, 0.1, "centralized", false, 1, 1, 5,
                seed, key, "recipe()");
        return new ResultRow(m, "apgd-ce", key + "apgd", new Training(10, 1, 1),
                new Measures(0.85, 0.84, 0.86, robust, robust - 0.01, robust + 0.01, 0.85, 10_000,
                        Optional.of(new Budget(Budget.Norm.LINF, 8 / 255.0)), 0.1, 0, 0, 1, AttackKind.BOUNDED),
                new Provenance("v", "apgd-ce@1", "apgd-ce=a.jar#0", "d", "e", "cpu"), ResultRow.Status.OK, "", Instant.now().toString());
    }

    @Test
    void anActivationFiveSeedSpreadsAboveIsSeparatedOneWithinTheNoiseIsNot() {
        List<ActivationComparison.Attack> attacks = ActivationComparison.of(rows(GRID, 0, 1), "relu");
        assertEquals(1, attacks.size());
        ActivationComparison.Attack a = attacks.get(0);
        ActivationComparison.Line gelu = a.lines().stream().filter(l -> l.activation().startsWith("gelu")).findFirst().orElseThrow();
        ActivationComparison.Line mish = a.lines().stream().filter(l -> l.activation().equals("mish")).findFirst().orElseThrow();
        // each activation's seed variance from its two (schedule) seed pairs, one degree of freedom each
        double relu = seedVariance(GRID.get("relu"));
        double geluVar = seedVariance(GRID.get("gelu(approximate=none)"));
        assertEquals(Math.sqrt(relu), a.baselineSd(), 1e-12);
        assertEquals(Math.sqrt(geluVar), gelu.seedSd(), 1e-12);
        assertEquals(4, gelu.pairs());
        assertEquals(0.05025, gelu.delta(), 1e-9);
        assertEquals(0.048, gelu.lowest(), 1e-9);
        assertEquals(0.052, gelu.highest(), 1e-9);
        double t = 0.05025 / Math.sqrt((geluVar + relu) / 4);
        double df = (geluVar + relu) * (geluVar + relu) / (geluVar * geluVar / 2 + relu * relu / 2);
        assertEquals(t, gelu.t(), 1e-9);
        assertEquals(df, gelu.df(), 1e-9);
        assertTrue(df > 2 && df <= 4, "Welch's df lies between the smaller and the summed degrees of freedom: " + df);
        // Holm over two activations: the smaller p doubled
        double rawGelu = StudentT.twoSidedP(t, df);
        double rawMish = StudentT.twoSidedP(mish.t(), mish.df());
        assertEquals(Math.min(1, 2 * rawGelu), gelu.p(), 1e-12);
        assertEquals(Math.max(Math.min(1, 2 * rawGelu), rawMish), mish.p(), 1e-12);
        assertEquals("higher", gelu.verdict());
        assertEquals("not separated", mish.verdict());
        String table = ActivationComparison.table(attacks, "relu");
        assertTrue(table.contains("not separated") && table.contains("higher") && table.contains("on 10000 images"), table);
    }

    /** Pooled over the two schedules' seed pairs: each pair's two squared deviations from its mean, over 2 degrees of freedom. */
    private static double seedVariance(double[] acc) {
        double squares = 0;
        for (int s = 0; s < 4; s += 2) {
            double d = acc[s] - acc[s + 1];
            squares += d * d / 2;
        }
        return squares / 2;
    }

    @Test
    void aWildActivationDoesNotHideAnotherOnesDifference() {
        Map<String, double[]> grid = new java.util.HashMap<>(GRID);
        grid.put("softplus", new double[] {0.50, 0.27, 0.52, 0.20}); // seeds that sometimes fail to train
        ActivationComparison.Line gelu = ActivationComparison.of(rows(grid, 0, 1), "relu").get(0).lines().stream()
                .filter(l -> l.activation().startsWith("gelu")).findFirst().orElseThrow();
        assertEquals("higher", gelu.verdict());
    }

    @Test
    void withoutTheBaselineOrASecondSeedItSaysWhatIsMissing() {
        SpecException none = assertThrows(SpecException.class, () -> ActivationComparison.of(rows(GRID, 0, 1), "elu"));
        assertTrue(none.getMessage().contains("'elu'") && none.getMessage().contains("relu"), none.getMessage());
        Map<String, double[]> oneSeed = Map.of("relu", new double[] {0.7, 0.7}, "mish", new double[] {0.71, 0.72});
        SpecException noise = assertThrows(SpecException.class, () -> ActivationComparison.of(rows(oneSeed, 0), "relu"));
        assertTrue(noise.getMessage().contains("two seeds"), noise.getMessage());
    }
}
