package org.robustgrid.harness.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statistics' definitions at their edges, where golden values say little. */
class StatsTest {

    @Test
    void wilsonStaysInsideTheUnitIntervalAndNarrowsWithN() {
        Interval none = Wilson.interval(0, 20);
        assertEquals(0, none.low(), 1e-15);
        assertTrue(none.high() > 0.1, "0 of 20 does not rule out 10%");
        Interval all = Wilson.interval(20, 20);
        assertEquals(1, all.high(), 1e-15);
        assertTrue(Wilson.interval(700, 1000).halfWidth() < Wilson.interval(140, 200).halfWidth());
        // about 0.03 at 1,000 images and 70%: the target half-width
        assertEquals(0.028, Wilson.interval(700, 1000).halfWidth(), 0.001);
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(0, 0));
    }

    @Test
    void mcnemarCountsOnlyDiscordantImages() {
        boolean[] a = {true, true, true, false, false, true};
        boolean[] b = {true, false, false, false, true, true};
        McNemar.Paired p = McNemar.compare(a, b);
        assertEquals(2, p.onlyFirst());
        assertEquals(1, p.onlySecond());
        assertEquals(1.0, p.p(), 0.0);
        // symmetric, and 1 when the models agree everywhere
        assertEquals(McNemar.exactP(3, 17), McNemar.exactP(17, 3), 0.0);
        assertEquals(1.0, McNemar.compare(a, a).p(), 0.0);
        // far beyond 2^-1074: the log-space terms keep a tiny p finite and positive
        double tiny = McNemar.exactP(100, 3000);
        assertTrue(tiny >= 0 && tiny < 1e-300, "p " + tiny);
        assertThrows(IllegalArgumentException.class, () -> McNemar.compare(a, new boolean[2]));
    }

    @Test
    void identicalModelsShareOneGroupAndClearlyWorseOnesDoNot() {
        Map<String, boolean[]> m = new LinkedHashMap<>();
        m.put("a", StatsGoldenTest.cyclic(500, 400, 0));
        m.put("b", StatsGoldenTest.cyclic(500, 400, 0));
        m.put("c", StatsGoldenTest.cyclic(500, 100, 0));
        List<RankGroups.Ranked> r = RankGroups.of(m);
        assertEquals(List.of("a", "b", "c"), r.stream().map(RankGroups.Ranked::name).toList());
        assertEquals(List.of(1, 1, 2), r.stream().map(RankGroups.Ranked::group).toList());
        assertEquals("a", r.get(1).leader());
        assertEquals("c", r.get(2).leader());
        assertEquals(0.8, r.get(0).accuracy(), 0.0);
    }

    @Test
    void groupsAreContiguousEvenWhenALowerModelCannotBeSeparated() {
        // a is right on [0,60); b on [0,50), inside a's, so a separates from b (10 to 0 discordant images);
        // c, lower than b, is right on [30,79): 30 to 19 against a, which McNemar cannot separate.
        // c must still not join a's group past b.
        Map<String, boolean[]> m = new LinkedHashMap<>();
        m.put("a", StatsGoldenTest.cyclic(100, 60, 0));
        m.put("b", StatsGoldenTest.cyclic(100, 50, 0));
        m.put("c", StatsGoldenTest.cyclic(100, 49, 30));
        assertTrue(McNemar.compare(m.get("a"), m.get("c")).p() > 0.05, "the fixture: a and c inseparable");
        assertTrue(McNemar.compare(m.get("a"), m.get("b")).p() < 0.01, "the fixture: a and b separated");
        List<RankGroups.Ranked> r = RankGroups.of(m);
        assertEquals(List.of("a", "b", "c"), r.stream().map(RankGroups.Ranked::name).toList());
        assertEquals(List.of(1, 2, 2), r.stream().map(RankGroups.Ranked::group).toList());
    }

    @Test
    void spreadOfOneRunHasNoSpread() {
        Spread one = Spread.of(0.7);
        assertEquals(1, one.n());
        assertTrue(Double.isNaN(one.sd()));
        assertThrows(IllegalArgumentException.class, Spread::of);
        assertThrows(IllegalArgumentException.class, () -> Spread.of(0.1, Double.NaN));
    }

    @Test
    void curveCountsCleanMistakesAsNeverRobustAndFailuresAsAlwaysRobust() {
        double inf = Double.POSITIVE_INFINITY;
        // clean wrong, zero norm, small, at eps exactly, larger, failed
        double[] norms = {Double.NaN, 0, 0.01, 0.25, 0.6, inf};
        double[] eps = RobustnessCurve.grid(0.25, 5);
        assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5}, eps, 1e-15);
        double[] acc = RobustnessCurve.accuracy(norms, eps);
        // eps 0: 0.01, 0.25, 0.6, inf are robust; eps 0.125: 0.25, 0.6, inf; eps 0.25: a norm equal to eps is not
        // robust (the perturbation fits the budget); eps 0.375 and 0.5: 0.6 and inf
        assertArrayEquals(new double[] {4 / 6.0, 3 / 6.0, 2 / 6.0, 2 / 6.0, 2 / 6.0}, acc, 1e-15);
        assertFalse(RobustnessCurve.robust(Double.NaN, 0));
        assertTrue(RobustnessCurve.robust(inf, 1e9));
        assertThrows(IllegalArgumentException.class, () -> RobustnessCurve.robust(-0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> RobustnessCurve.grid(0, 3));
    }
}
