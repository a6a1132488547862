package org.robustgrid.partitioners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.SpecException;

/**
 * What every partitioner shares: input checks, a seeded shuffle, and cutting an ordering into
 * clients. Randomness is {@link java.util.Random}, whose algorithm the JDK specifies exactly, so a
 * seed gives the same split on every JVM.
 */
final class Splits {

    private Splits() {}

    /**
     * Rejects a request no split can satisfy.
     *
     * @param id the partitioner's id, for messages
     * @param minExamples the examples the request needs (at least {@code clients})
     * @param why what needs {@code minExamples}, completing "... needs N examples for ..."
     */
    static void check(String id, int[] labels, int numClasses, int clients, long minExamples, String why) {
        if (labels == null) {
            throw new IllegalArgumentException("partitioner '" + id + "' got no labels");
        }
        if (numClasses < 1) {
            throw new SpecException("partitioner '" + id + "' got " + numClasses + " classes; expected at least 1");
        }
        if (clients < 1) {
            throw new SpecException("partitioner '" + id + "' got " + clients + " clients; expected at least 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new SpecException("partitioner '" + id + "': label " + labels[i] + " at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
        if (labels.length < minExamples) {
            throw new SpecException("partitioner '" + id + "' needs at least " + minExamples + " examples for "
                    + why + ", but the training set has " + labels.length);
        }
    }

    /** The same check for partitioners that need one example per client and nothing more. */
    static void check(String id, int[] labels, int numClasses, int clients) {
        check(id, labels, numClasses, clients, clients, clients + " non-empty clients");
    }

    /**
     * A generator for {@code seed} whose stream is unrelated to that of {@code seed ± 1}. A plain
     * {@code new Random(seed)} is not: its first {@code nextDouble()} moves by only about 9e-5 from one
     * seed to the next, so grid seeds 0, 1, 2, ... would start every split from nearly the same
     * uniforms (the first Dirichlet proportions of seeds 0..1999 were measurably biased). SplitMix64's
     * finalizer (Steele, Lea and Flood 2014) scrambles the seed first.
     */
    static Random random(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** Fisher–Yates shuffle in place; returns {@code a}. */
    static int[] shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** {@code 0, 1, ..., n-1}. */
    static int[] range(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** The indices of each class, ascending. */
    static int[][] byClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        int[][] out = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            out[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            out[labels[i]][fill[labels[i]]++] = i;
        }
        return out;
    }

    /** {@code total} split into {@code parts} sizes that differ by at most one, larger ones first. */
    static int[] equalSizes(int total, int parts) {
        int[] sizes = new int[parts];
        for (int i = 0; i < parts; i++) {
            sizes[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return sizes;
    }

    /**
     * Consecutive pieces of {@code order} with the given sizes, which must sum to its length; each
     * piece sorted ascending, the canonical form every partitioner returns.
     */
    static List<int[]> cut(int[] order, int[] sizes) {
        List<int[]> out = new ArrayList<>(sizes.length);
        int from = 0;
        for (int size : sizes) {
            int[] piece = Arrays.copyOfRange(order, from, from + size);
            Arrays.sort(piece);
            out.add(piece);
            from += size;
        }
        if (from != order.length) {
            throw new IllegalStateException("sizes sum to " + from + ", expected " + order.length);
        }
        return out;
    }
}
