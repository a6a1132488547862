package org.robustgrid.partitioners;

import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.Partitioner;

/**
 * Quantity skew with IID labels as NIID-Bench's {@code iid-diff-quantity} (Li et al. 2022,
 * Xtra-Computing/NIID-Bench {@code utils.py}): client shares {@code p ~ Dir(β·1_clients)}, drawn again
 * while some client's expected size {@code p_i·N} is below {@code min-size} (NIID-Bench: 10); a random
 * permutation of the examples is cut at {@code floor(cumsum(p)·N)}.
 *
 * <p>The minimum is capped at {@code ⌊N/clients⌋}, and should {@value #MAX_DRAWS} draws all fail (a
 * tiny β with a minimum near N/clients; NIID-Bench would loop on) the draw with the largest smallest
 * share is kept and its sizes topped up to the minimum from the largest client, so no client is empty.
 */
final class QuantitySkew implements Partitioner {

    /** Draws tried before the top-up. */
    static final int MAX_DRAWS = 10_000;

    private final double beta;
    private final int minSize;

    QuantitySkew(double beta, int minSize) {
        this.beta = beta;
        this.minSize = minSize;
    }

    @Override
    public List<int[]> split(int[] labels, int numClasses, int clients, long seed) {
        Splits.check(QuantitySkewProvider.ID, labels, numClasses, clients);
        Random random = Splits.random(seed);
        int n = labels.length;
        int need = Math.min(minSize, n / clients);
        double[] best = null;
        double bestMin = -1;
        for (int draw = 0; draw < MAX_DRAWS && bestMin < need; draw++) {
            double[] p = Gamma.dirichlet(beta, clients, random);
            double smallest = Double.POSITIVE_INFINITY;
            for (double pi : p) {
                smallest = Math.min(smallest, pi * n);
            }
            if (smallest > bestMin) {
                best = p;
                bestMin = smallest;
            }
        }
        int[] sizes = cut(best, n);
        topUp(sizes, Math.max(1, need));
        int[] order = Splits.shuffle(Splits.range(n), random);
        return Splits.cut(order, sizes);
    }

    /** size_i = floor(cumsum_{≤i}(p)·n) − floor(cumsum_{<i}(p)·n), the last client taking the rest. */
    static int[] cut(double[] p, int n) {
        int[] sizes = new int[p.length];
        double cum = 0;
        int prev = 0;
        for (int i = 0; i < p.length; i++) {
            cum += p[i];
            int upTo = i == p.length - 1 ? n : Math.min(n, Math.max(prev, (int) Math.floor(cum * n)));
            sizes[i] = upTo - prev;
            prev = upTo;
        }
        return sizes;
    }

    /** Moves one example at a time from the largest client to any below {@code need}; ends since need ≤ n/clients. */
    static void topUp(int[] sizes, int need) {
        for (int i = 0; i < sizes.length; i++) {
            while (sizes[i] < need) {
                int donor = 0;
                for (int d = 1; d < sizes.length; d++) {
                    if (sizes[d] > sizes[donor]) {
                        donor = d;
                    }
                }
                sizes[donor]--;
                sizes[i]++;
            }
        }
    }
}
