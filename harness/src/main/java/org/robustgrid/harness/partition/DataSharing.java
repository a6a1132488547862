package org.robustgrid.harness.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.spi.SpecException;

/**
 * Data sharing (Zhao et al. 2018, "Federated Learning with Non-IID Data", arXiv:1806.00582, section 4):
 * a globally shared, class-balanced subset G of the training data, of size β (a fraction of the total
 * training data), of which a random α portion is distributed to each client, which trains on it
 * together with its own data. The study (PAPER.md) gives "a share of IID data" to every client; its
 * 40% sharing is a sharing fraction of 0.4 here. Both numbers are settable:
 *
 * <ul>
 *   <li><b>The pool G</b> holds {@code round(poolFraction × N)} training examples (β = poolFraction;
 *       {@link Defaults#SHARING_POOL_FRACTION} by default), drawn once for the seed and independent of
 *       the sharing fraction, so runs that differ only in the fraction share one pool. It is class
 *       balanced: class counts differ by at most one, except that a class with fewer examples than its
 *       share gives all it has and the larger classes make up the difference.
 *   <li><b>A client's slice</b> is a random subset of the pool of {@code round(fraction × n_i)}
 *       examples, {@code n_i} the client's local size, capped at the pool size: Zhao et al.'s α for
 *       client i is {@code round(fraction × n_i) / |G|}, so the slice is the sharing fraction of the
 *       client's own data in size (PAPER.md's default). It is appended after the client's local
 *       indices. Each client draws its slice from its own random stream, so a larger fraction extends
 *       the slice it would get at a smaller one.
 *   <li>The pool is not taken out of the clients' data: a shared example may also be a local example
 *       of some client, the receiving one included (it then appears twice in that client's list). The
 *       clients' data are therefore no longer disjoint; that is the point of sharing.
 *   <li>Fraction 0 is no sharing: the clients' data unchanged.
 * </ul>
 *
 * <p>Randomness is {@link Random} seeded from {@code seed} alone (no engine generator).
 */
public final class DataSharing {

    /** Share of the training set in the global pool (Zhao et al.'s β): {@link Defaults#SHARING_POOL_FRACTION}. */
    public static final double DEFAULT_POOL_FRACTION = Defaults.SHARING_POOL_FRACTION;

    /** One paragraph of the semantics above, for the README and {@code robustgrid plugins}. */
    public static final String SEMANTICS = "Data sharing (Zhao et al. 2018, \"Federated Learning with Non-IID Data\"): "
            + "once per seed, a class-balanced global pool G of pool-fraction x N training examples (Zhao et al.'s beta; default "
            + (int) Math.round(DEFAULT_POOL_FRACTION * 100) + "%) is drawn from the training set, independent of the "
            + "sharing fraction, so runs with different fractions share one pool. Each client receives a random slice "
            + "of the pool of round(fraction x its local size) examples (Zhao et al.'s alpha = slice / |G|), capped at the "
            + "pool size, appended to its local data; a larger fraction extends the slice of a smaller one. The study's "
            + "\"40% sharing\" is fraction " + Defaults.SHARING_FRACTION_STUDY + ". The pool is not removed from the "
            + "clients' data, so a shared example may also be a local example of some client and the clients' data "
            + "are no longer disjoint. Fraction 0 is no sharing.";

    private DataSharing() {}

    /**
     * Each client's indices with its slice of the shared pool appended.
     *
     * @param clientIndices the partitioner's split: one array of training-set indices per client; not modified
     * @param labels the training labels, values in {@code [0, numClasses)}
     * @param numClasses number of classes
     * @param fraction the sharing fraction in [0, 1]: a client of n local examples gets {@code round(fraction × n)}
     *     shared ones (at most the pool size)
     * @param poolFraction the pool's share of the training set (Zhao et al.'s β), in (0, 1]; see
     *     {@link Defaults#SHARING_POOL_FRACTION}
     * @param seed seed of the pool and of every slice
     * @return fresh arrays, one per client: its local indices in their order, then its slice in ascending order
     * @throws SpecException when a fraction is out of range or an index or label is outside the training set
     */
    public static List<int[]> apply(List<int[]> clientIndices, int[] labels, int numClasses, double fraction,
            double poolFraction, long seed) {
        checkFraction("sharing fraction", fraction, true);
        checkFraction("pool fraction", poolFraction, false);
        checkClients(clientIndices, labels.length);
        List<int[]> out = new ArrayList<>(clientIndices.size());
        if (fraction == 0) {
            clientIndices.forEach(c -> out.add(c.clone()));
            return out;
        }
        int[] pool = pool(labels, numClasses, poolFraction, seed);
        for (int i = 0; i < clientIndices.size(); i++) {
            int[] local = clientIndices.get(i);
            int[] slice = slice(pool, sliceSize(local.length, fraction, pool.length), stream(seed, i + 1));
            int[] both = Arrays.copyOf(local, local.length + slice.length);
            System.arraycopy(slice, 0, both, local.length, slice.length);
            out.add(both);
        }
        return out;
    }

    /** {@link #apply(List, int[], int, double, double, long)} with the default pool. */
    public static List<int[]> apply(List<int[]> clientIndices, int[] labels, int numClasses, double fraction, long seed) {
        return apply(clientIndices, labels, numClasses, fraction, DEFAULT_POOL_FRACTION, seed);
    }

    /** The size of a client's slice: {@code min(round(fraction × localSize), poolSize)}. */
    public static int sliceSize(int localSize, double fraction, int poolSize) {
        return (int) Math.min(Math.round(fraction * localSize), poolSize);
    }

    /**
     * The shared pool for a seed, ascending: {@code round(poolFraction × N)} indices, class balanced as
     * described on the class.
     *
     * @throws SpecException when the pool fraction is outside (0, 1] or a label outside the classes
     */
    public static int[] pool(int[] labels, int numClasses, double poolFraction, long seed) {
        checkFraction("pool fraction", poolFraction, false);
        int[][] byClass = new int[numClasses][];
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new SpecException("label " + labels[i] + " at index " + i + " is outside [0, " + numClasses + ")");
            }
            counts[labels[i]]++;
        }
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][counts[labels[i]]++] = i;
        }
        Random random = new Random(stream(seed, 0));
        int remaining = (int) Math.round(poolFraction * labels.length);
        // water-filling from the smallest class up: each takes its equal share of what is left, or all it has
        Integer[] order = IntStream.range(0, numClasses).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(c -> byClass[c].length));
        int[] pool = new int[remaining];
        int filled = 0;
        for (int k = 0; k < numClasses; k++) {
            int c = order[k];
            int left = numClasses - k;
            int take = Math.min(byClass[c].length, (remaining + left - 1) / left);
            int[] chosen = slice(byClass[c], take, random.nextLong());
            System.arraycopy(chosen, 0, pool, filled, take);
            filled += take;
            remaining -= take;
        }
        int[] out = Arrays.copyOf(pool, filled);
        Arrays.sort(out);
        return out;
    }

    /** A uniformly random subset of {@code size} elements, ascending: the first {@code size} steps of a Fisher–Yates shuffle. */
    private static int[] slice(int[] from, int size, long seed) {
        Random random = new Random(seed);
        int[] a = from.clone();
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] out = Arrays.copyOf(a, size);
        Arrays.sort(out);
        return out;
    }

    /** Seed of random stream {@code k} of a seed (SplitMix64's finalizer), so streams are unrelated. */
    private static long stream(long seed, int k) {
        long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void checkFraction(String what, double f, boolean zeroAllowed) {
        if (!(f >= 0 && f <= 1) || (!zeroAllowed && f == 0)) {
            throw new SpecException(what + " is " + f + "; expected a number in " + (zeroAllowed ? "[0, 1]" : "(0, 1]"));
        }
    }

    private static void checkClients(List<int[]> clientIndices, int n) {
        for (int i = 0; i < clientIndices.size(); i++) {
            for (int index : clientIndices.get(i)) {
                if (index < 0 || index >= n) {
                    throw new SpecException("client " + i + " holds index " + index + ", outside the training set [0, " + n + ")");
                }
            }
        }
    }
}
