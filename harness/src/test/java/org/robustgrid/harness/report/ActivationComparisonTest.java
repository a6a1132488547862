package org.robustgrid.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        // ReLU's seed variance from its two (schedule) seed pairs, one degree of freedom each
        double relu = seedVariance(GRID.get("relu"));
        assertEquals(Math.sqrt(relu), a.baselineSd(), 1e-12);
        assertEquals(4, gelu.pairs());
        assertEquals(0.05025, gelu.delta(), 1e-9);
        assertEquals(0.048, gelu.lowest(), 1e-9);
        assertEquals(0.052, gelu.highest(), 1e-9);
        // the paired t test on the four differences 0.050, 0.052, 0.051, 0.048
        double sd = Math.sqrt(((0.050 - 0.05025) * (0.050 - 0.05025) + (0.052 - 0.05025) * (0.052 - 0.05025) + (0.051 - 0.05025) * (0.051 - 0.05025)
                + (0.048 - 0.05025) * (0.048 - 0.05025)) / 3);
        double t = 0.05025 / (sd / 2);
        assertEquals(sd, gelu.sd(), 1e-9);
        assertEquals(t, gelu.t(), 1e-6);
        assertEquals(3, gelu.df());
        // Holm over two activations: the smaller p doubled
        double rawGelu = StudentT.twoSidedP(t, 3);
        double rawMish = StudentT.twoSidedP(mish.t(), mish.df());
        assertEquals(Math.min(1, 2 * rawGelu), gelu.p(), 1e-12);
        assertEquals(Math.max(Math.min(1, 2 * rawGelu), rawMish), mish.p(), 1e-12);
        assertEquals("higher", gelu.verdict());
        assertEquals("not separated", mish.verdict());
        // by how much: a 95% interval simultaneous over the two activations, so each at 0.025
        double half = StudentT.critical(0.025, 3) * sd / 2;
        assertEquals(0.05025 - half, gelu.low(), 1e-9);
        assertEquals(0.05025 + half, gelu.high(), 1e-9);
        assertTrue(gelu.low() > 0, "gelu's interval lies above 0: " + gelu.low());
        assertTrue(mish.low() < 0 && mish.high() > 0, "mish's interval holds 0: " + mish.low() + ".." + mish.high());
        String table = ActivationComparison.table(attacks, "relu");
        assertTrue(table.contains("not separated") && table.contains("higher") && table.contains("on 10000 images")
                && table.contains(String.format(Locale.ROOT, "%+9.4f..%+8.4f", gelu.low(), gelu.high())), table);
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

    /** Seeds that move both models alike (the same draws) cancel in the pairs: a steady point above ReLU is found under four-point seed swings. */
    @Test
    void aDifferenceSmallerThanTheSeedSpreadButSteadyOverThePairsIsSeparated() {
        Map<String, double[]> grid = Map.of(
                "relu", new double[] {0.700, 0.740, 0.680, 0.720},
                "silu", new double[] {0.711, 0.749, 0.690, 0.731});
        ActivationComparison.Attack a = ActivationComparison.of(rows(grid, 0, 1), "relu").get(0);
        ActivationComparison.Line silu = a.lines().get(0);
        assertTrue(a.baselineSd() > 0.02, "ReLU's seeds lie " + a.baselineSd() + " apart, twice the difference");
        assertEquals(0.01025, silu.delta(), 1e-9);
        assertEquals("higher", silu.verdict());
        assertTrue(silu.low() > 0.005 && silu.high() < 0.015, silu.low() + ".." + silu.high());
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
