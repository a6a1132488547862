package org.robustgrid.harness.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every statistic against the golden values that {@code scripts/stats_oracle.py} computed with exact
 * binomials (math.comb and fractions), to 1e-9.
 */
class StatsGoldenTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void wilsonMatchesTheOracle() throws IOException {
        List<String[]> rows = golden("wilson");
        assertTrue(rows.size() >= 10, "golden rows");
        for (String[] r : rows) {
            long k = Long.parseLong(r[1]);
            long n = Long.parseLong(r[2]);
            Interval i = Wilson.interval(k, n);
            assertEquals((double) k / n, i.estimate(), 0.0);
            assertEquals(Double.parseDouble(r[3]), i.low(), TOLERANCE, "low of " + k + "/" + n);
            assertEquals(Double.parseDouble(r[4]), i.high(), TOLERANCE, "high of " + k + "/" + n);
        }
    }

    @Test
    void mcnemarMatchesTheOracle() throws IOException {
        List<String[]> rows = golden("mcnemar");
        assertTrue(rows.size() >= 10, "golden rows");
        for (String[] r : rows) {
            long b = Long.parseLong(r[1]);
            long c = Long.parseLong(r[2]);
            assertEquals(Double.parseDouble(r[3]), McNemar.exactP(b, c), TOLERANCE, "p of b=" + b + ", c=" + c);
        }
    }

    @Test
    void holmMatchesTheOracle() throws IOException {
        for (String[] r : golden("holm")) {
            assertArrayEquals(reals(r[3]), Holm.adjust(reals(r[2])), TOLERANCE, "holm case " + r[1]);
        }
    }

    @Test
    void rankGroupsMatchTheOracle() throws IOException {
        Map<String, List<String[]>> cases = new LinkedHashMap<>();
        for (String[] r : golden("rank")) {
            cases.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r);
        }
        assertEquals(3, cases.size());
        for (List<String[]> rows : cases.values()) {
            int n = Integer.parseInt(rows.get(0)[2]);
            Map<String, boolean[]> outcomes = new LinkedHashMap<>();
            for (String spec : rows.get(0)[3].split("\\|")) {
                String[] p = spec.split(":");
                outcomes.put(p[0], cyclic(n, Integer.parseInt(p[1]), Integer.parseInt(p[2])));
            }
            List<RankGroups.Ranked> ranked = RankGroups.of(outcomes);
            assertEquals(rows.size(), ranked.size());
            for (int i = 0; i < rows.size(); i++) {
                String[] want = rows.get(i);
                RankGroups.Ranked got = ranked.get(i);
                String where = "case " + want[1] + ", place " + i;
                assertEquals(want[4], got.name(), where);
                assertEquals(Integer.parseInt(want[5]), got.group(), where);
                assertEquals(Double.parseDouble(want[6]), got.adjustedP(), TOLERANCE, where);
            }
        }
    }

    @Test
    void spreadMatchesTheOracle() throws IOException {
        for (String[] r : golden("spread")) {
            Spread s = Spread.of(reals(r[1]));
            assertEquals(reals(r[1]).length, s.n());
            assertEquals(Double.parseDouble(r[2]), s.mean(), TOLERANCE);
            assertEquals(Double.parseDouble(r[3]), s.sd(), TOLERANCE);
        }
    }

    /** The outcome vector the oracle builds: image i is right iff (i − offset) mod n < correct. */
    static boolean[] cyclic(int n, int correct, int offset) {
        boolean[] o = new boolean[n];
        for (int i = 0; i < n; i++) {
            o[i] = Math.floorMod(i - offset, n) < correct;
        }
        return o;
    }

    private static double[] reals(String semicolonSeparated) {
        return Arrays.stream(semicolonSeparated.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    private static List<String[]> golden(String kind) throws IOException {
        try (InputStream in = StatsGoldenTest.class.getResourceAsStream("/stats/golden.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> l.startsWith(kind + ",")).map(l -> l.split(",")).collect(Collectors.toList());
        }
    }
}
