package org.robustgrid.harness.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.spi.SpecException;

class DataSharingTest {

    private static final int K = 10;
    private static final int[] LABELS = balancedLabels(1000, K, 3);

    /** Clients of sizes 101, 250, 37, 600, 12 taken in order from 0..999. */
    private static List<int[]> clients() {
        int[] sizes = {101, 250, 37, 600, 12};
        List<int[]> out = new ArrayList<>();
        int from = 0;
        for (int s : sizes) {
            int[] c = new int[s];
            for (int j = 0; j < s; j++) {
                c[j] = from + j;
            }
            out.add(c);
            from += s;
        }
        return out;
    }

    private static int[] classCounts(int[] indices, int[] labels) {
        int[] counts = new int[K];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        return counts;
    }

    private static Set<Integer> set(int[] a) {
        return Arrays.stream(a).boxed().collect(Collectors.toSet());
    }

    private static int[] tail(int[] a, int from) {
        return Arrays.copyOfRange(a, from, a.length);
    }

    @Test
    void poolIsClassBalancedAndOfTheRequestedSize() {
        int[] pool = DataSharing.pool(LABELS, K, 0.1, 5);
        assertEquals(100, pool.length);
        assertEquals(100, set(pool).size(), "pool has repeated indices");
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, classCounts(pool, LABELS));
        // 130 over 10 classes: 13 each
        assertArrayEquals(new int[] {13, 13, 13, 13, 13, 13, 13, 13, 13, 13}, classCounts(DataSharing.pool(LABELS, K, 0.13, 5), LABELS));
        // 125 over 10 classes: 12 or 13 each
        int[] uneven = classCounts(DataSharing.pool(LABELS, K, 0.125, 5), LABELS);
        assertEquals(125, Arrays.stream(uneven).sum());
        assertTrue(Arrays.stream(uneven).allMatch(c -> c == 12 || c == 13), Arrays.toString(uneven));
    }

    @Test
    void aRareClassGivesAllItHasAndTheOthersMakeUpTheDifference() {
        int[] labels = new int[1000];
        for (int i = 0; i < 1000; i++) {
            labels[i] = i < 3 ? 0 : 1 + i % 9;
        }
        int[] counts = classCounts(DataSharing.pool(labels, K, 0.1, 5), labels);
        assertEquals(3, counts[0]);
        // 97 over 9 classes: 10 or 11 each
        assertEquals(100, Arrays.stream(counts).sum());
        for (int c = 1; c < K; c++) {
            assertTrue(counts[c] == 10 || counts[c] == 11, Arrays.toString(counts));
        }
    }

    @Test
    void eachClientGetsRoundFractionTimesItsSizeCappedAtThePool() {
        List<int[]> local = clients();
        List<int[]> shared = DataSharing.apply(local, LABELS, K, 0.4, 0.1, 9);
        Set<Integer> pool = set(DataSharing.pool(LABELS, K, 0.1, 9));
        // round(0.4 × 101) = 40, round(0.4 × 250) = 100, round(0.4 × 37) = 15, 0.4 × 600 = 240 capped at 100, round(0.4 × 12) = 5
        int[] expected = {40, 100, 15, 100, 5};
        for (int i = 0; i < local.size(); i++) {
            int[] got = shared.get(i);
            int n = local.get(i).length;
            assertEquals(n + expected[i], got.length, "client " + i);
            assertArrayEquals(local.get(i), Arrays.copyOf(got, n), "client " + i + "'s local indices come first, unchanged");
            int[] slice = tail(got, n);
            assertEquals(slice.length, set(slice).size(), "client " + i + " got a pool example twice");
            assertTrue(pool.containsAll(set(slice)), "client " + i + "'s slice is not from the pool");
        }
        assertEquals(100, set(tail(shared.get(3), 600)).size(), "a capped slice is the whole pool");
    }

    @Test
    void slicesAreRandomPerClient() {
        List<int[]> local = List.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
        List<int[]> shared = DataSharing.apply(local, LABELS, K, 1.0, 0.1, 9);
        assertFalse(Arrays.equals(tail(shared.get(0), 10), tail(shared.get(1), 10)), "two clients got the same slice");
    }

    @Test
    void fractionZeroIsTheIdentity() {
        List<int[]> local = clients();
        List<int[]> shared = DataSharing.apply(local, LABELS, K, 0, 0.1, 9);
        assertEquals(local.size(), shared.size());
        for (int i = 0; i < local.size(); i++) {
            assertArrayEquals(local.get(i), shared.get(i));
            assertNotSame(local.get(i), shared.get(i), "the result shares an array with the input");
        }
    }

    @Test
    void sameSeedSameResultAndOtherSeedOtherPool() {
        List<int[]> a = DataSharing.apply(clients(), LABELS, K, 0.4, 0.1, 9);
        List<int[]> b = DataSharing.apply(clients(), LABELS, K, 0.4, 0.1, 9);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertFalse(Arrays.equals(DataSharing.pool(LABELS, K, 0.1, 9), DataSharing.pool(LABELS, K, 0.1, 10)));
    }

    @Test
    void thePoolIsIndependentOfTheFractionAndSlicesGrowWithIt() {
        List<int[]> local = clients();
        List<int[]> small = DataSharing.apply(local, LABELS, K, 0.2, 0.1, 9);
        List<int[]> large = DataSharing.apply(local, LABELS, K, 0.4, 0.1, 9);
        Set<Integer> pool = set(DataSharing.pool(LABELS, K, 0.1, 9));
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < local.size(); i++) {
            int n = local.get(i).length;
            Set<Integer> s = set(tail(small.get(i), n));
            Set<Integer> l = set(tail(large.get(i), n));
            assertTrue(pool.containsAll(s) && pool.containsAll(l), "client " + i + " drew outside the one pool");
            assertTrue(l.containsAll(s), "client " + i + "'s slice at 0.2 is not inside its slice at 0.4");
            used.addAll(l);
        }
        assertEquals(pool, used, "the capped client holds the whole pool");
    }

    @Test
    void defaultPoolIsTenPercent() {
        assertEquals(0.1, DataSharing.DEFAULT_POOL_FRACTION);
        assertEquals(Defaults.SHARING_POOL_FRACTION, DataSharing.DEFAULT_POOL_FRACTION);
        List<int[]> shared = DataSharing.apply(clients(), LABELS, K, 1.0, 9);
        assertEquals(600 + 100, shared.get(3).length, "a client of 600 at fraction 1 gets the whole pool of 100");
        assertTrue(DataSharing.SEMANTICS.contains("10%"), DataSharing.SEMANTICS);
        assertFalse(DataSharing.SEMANTICS.contains("\n"));
    }

    @Test
    void theStudysFortyPercentWithDefaultsGivesTenEqualClientsFortyPercentOfTheirSizeAndOfThePool() {
        // 10 clients of 100 from 1000 labels; the default pool is 10% = 100 examples
        List<int[]> local = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int[] c = new int[100];
            for (int j = 0; j < 100; j++) {
                c[j] = 100 * i + j;
            }
            local.add(c);
        }
        List<int[]> shared = DataSharing.apply(local, LABELS, K, Defaults.SHARING_FRACTION_STUDY, 9);
        int pool = DataSharing.pool(LABELS, K, Defaults.SHARING_POOL_FRACTION, 9).length;
        assertEquals(100, pool);
        for (int[] client : shared) {
            int slice = client.length - 100;
            assertEquals(40, slice, "the slice is 40% of the client's own data");
            assertEquals(0.4, (double) slice / pool, 1e-12, "Zhao et al.'s alpha");
        }
        assertTrue(DataSharing.SEMANTICS.contains("40% sharing") && DataSharing.SEMANTICS.contains("0.4"), DataSharing.SEMANTICS);
    }

    @Test
    void badFractionsAndIndicesAreRejected() {
        for (double f : new double[] {-0.1, 1.5, Double.NaN}) {
            assertThrows(SpecException.class, () -> DataSharing.apply(clients(), LABELS, K, f, 0.1, 1), "fraction " + f);
        }
        assertThrows(SpecException.class, () -> DataSharing.apply(clients(), LABELS, K, 0.4, 0, 1), "pool fraction 0");
        assertThrows(SpecException.class, () -> DataSharing.apply(List.of(new int[] {1000}), LABELS, K, 0.4, 0.1, 1));
    }

    /** {@code n} labels, {@code n / classes} of each class, in an order shuffled by {@code seed}. */
    private static int[] balancedLabels(int n, int classes, long seed) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        java.util.Random r = new java.util.Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }
}
