package org.robustgrid.partitioners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.Partitioner;

/**
 * Label skew by a Dirichlet prior, as NIID-Bench's {@code noniid-labeldir} (Li et al. 2022,
 * "Federated Learning on Non-IID Data Silos: An Experimental Study", Xtra-Computing/NIID-Bench
 * {@code utils.py}; CalFAT's {@code partition_data} is the same rule): classes in order, and for each
 * class c proportions {@code p_c ~ Dir(β·1_clients)}; with the <b>balance step</b>, a client that
 * already holds at least {@code N/clients} examples gets proportion 0 and the rest are renormalized;
 * the class's examples, in random order, are cut at {@code floor(cumsum(p_c)·n_c)}. Small β gives
 * each client few classes; large β approaches IID. Without the balance step ({@code balance=false},
 * the plain rule of Hsu et al. 2019) client sizes are far more skewed at the same β.
 *
 * <p>No tiny client: the whole draw is repeated until every client holds at least
 * {@code min(min-size, ⌊N/clients⌋)} examples (NIID-Bench's loop, {@code min_require_size = 10}).
 * Should {@value #MAX_DRAWS} draws all fail (only for tiny β with many clients; NIID-Bench would loop
 * on), the draw with the largest smallest client is kept and topped up: one example at a time moves
 * from the largest client, of the class it holds most of, to a client below the minimum.
 *
 * <p>The renormalization is done in log space, so that β = 0.01, whose Gamma variates underflow a
 * double, still leaves the eligible clients a proper distribution.
 */
final class Dirichlet implements Partitioner {

    /** Draws tried before the top-up; each costs O(classes × clients), so many are cheap. */
    static final int MAX_DRAWS = 1000;

    private final double beta;
    private final int minSize;
    private final boolean balance;

    Dirichlet(double beta, int minSize, boolean balance) {
        this.beta = beta;
        this.minSize = minSize;
        this.balance = balance;
    }

    @Override
    public List<int[]> split(int[] labels, int numClasses, int clients, long seed) {
        Splits.check(DirichletProvider.ID, labels, numClasses, clients);
        Random random = Splits.random(seed);
        int[][] byClass = Splits.byClass(labels, numClasses);
        int need = Math.min(minSize, labels.length / clients);

        int[][] best = null;
        int bestMin = -1;
        for (int draw = 0; draw < MAX_DRAWS && bestMin < need; draw++) {
            int[][] counts = drawCounts(byClass, clients, random);
            int smallest = Arrays.stream(sizes(counts, clients)).min().orElse(0);
            if (smallest > bestMin) {
                best = counts;
                bestMin = smallest;
            }
        }
        if (bestMin < need) {
            topUp(best, clients, need);
        }

        List<List<Integer>> members = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            members.add(new ArrayList<>());
        }
        for (int c = 0; c < numClasses; c++) {
            int[] order = Splits.shuffle(byClass[c].clone(), random);
            int from = 0;
            for (int i = 0; i < clients; i++) {
                for (int j = 0; j < best[c][i]; j++) {
                    members.get(i).add(order[from++]);
                }
            }
        }
        List<int[]> out = new ArrayList<>(clients);
        for (List<Integer> m : members) {
            int[] a = m.stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(a);
            out.add(a);
        }
        return out;
    }

    /** counts[c][i]: examples of class c for client i, from one Dirichlet draw per class, classes in order. */
    private int[][] drawCounts(int[][] byClass, int clients, Random random) {
        int total = 0;
        for (int[] members : byClass) {
            total += members.length;
        }
        // NIID-Bench's len(idx_j) < N / n_parties, a real-valued comparison
        double full = (double) total / clients;
        int[] held = new int[clients];
        int[][] counts = new int[byClass.length][clients];
        for (int c = 0; c < byClass.length; c++) {
            int n = byClass[c].length;
            double[] p = proportions(held, full, clients, random);
            // client i gets the examples between floor(cumsum_{<i}·n) and floor(cumsum_{≤i}·n); the last gets the rest
            double cum = 0;
            int prev = 0;
            for (int i = 0; i < clients; i++) {
                cum += p[i];
                int upTo = i == clients - 1 ? n : Math.min(n, Math.max(prev, (int) Math.floor(cum * n)));
                counts[c][i] = upTo - prev;
                held[i] += counts[c][i];
                prev = upTo;
            }
        }
        return counts;
    }

    /**
     * p ~ Dir(β·1), then (balance step) p_i ← 0 where client i holds ≥ N/clients, renormalized: the
     * Gamma variates in log space, normalized over the eligible clients. Before a class with examples
     * the clients hold fewer than N, so some client is eligible; only before an empty class may none
     * be, and then the empty class is spread over all.
     */
    private double[] proportions(int[] held, double full, int clients, Random random) {
        double[] logs = new double[clients];
        boolean anyEligible = false;
        for (int i = 0; i < clients; i++) {
            logs[i] = Gamma.logGamma(beta, random);
            anyEligible |= held[i] < full;
        }
        boolean skipFull = balance && anyEligible;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < clients; i++) {
            if (!skipFull || held[i] < full) {
                max = Math.max(max, logs[i]);
            }
        }
        double[] p = new double[clients];
        double sum = 0;
        for (int i = 0; i < clients; i++) {
            p[i] = !skipFull || held[i] < full ? Math.exp(logs[i] - max) : 0;
            sum += p[i];
        }
        for (int i = 0; i < clients; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int[] sizes(int[][] counts, int clients) {
        int[] sizes = new int[clients];
        for (int[] row : counts) {
            for (int i = 0; i < clients; i++) {
                sizes[i] += row[i];
            }
        }
        return sizes;
    }

    /** Moves examples from the largest clients until every client holds {@code need}; ends since need ≤ N/clients. */
    private static void topUp(int[][] counts, int clients, int need) {
        int[] sizes = sizes(counts, clients);
        for (int i = 0; i < clients; i++) {
            while (sizes[i] < need) {
                int donor = 0;
                for (int d = 1; d < clients; d++) {
                    if (sizes[d] > sizes[donor]) {
                        donor = d;
                    }
                }
                int cls = 0;
                for (int c = 1; c < counts.length; c++) {
                    if (counts[c][donor] > counts[cls][donor]) {
                        cls = c;
                    }
                }
                counts[cls][donor]--;
                counts[cls][i]++;
                sizes[donor]--;
                sizes[i]++;
            }
        }
    }
}
