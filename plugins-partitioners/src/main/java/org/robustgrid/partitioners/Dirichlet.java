package org.robustgrid.partitioners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.Partitioner;

/**
 * Label skew by a Dirichlet prior (Hsu et al. 2019; Yurochkin et al. 2019; the rule of Li et al.'s
 * NIID-Bench and of CalFAT's code): for every class c, proportions {@code p_c ~ Dir(β·1_clients)}
 * and the class's examples, in random order, cut at {@code floor(cumsum(p_c)·n_c)}. Small β gives
 * each client few classes; large β approaches IID.
 *
 * <p>No empty client: the whole draw is repeated until every client holds at least
 * {@code min(min-size, ⌊N/clients⌋)} examples (NIID-Bench's min-size rule, which draws again until
 * every client has 10). Should {@value #MAX_DRAWS} draws all fail (only for tiny β with many
 * clients), the draw with the largest smallest client is kept and topped up: one example at a time
 * moves from the largest client, of the class it holds most of, to a client below the minimum.
 */
final class Dirichlet implements Partitioner {

    /** Draws tried before the top-up; each costs O(classes × clients), so many are cheap. */
    static final int MAX_DRAWS = 1000;

    private final double beta;
    private final int minSize;

    Dirichlet(double beta, int minSize) {
        this.beta = beta;
        this.minSize = minSize;
    }

    @Override
    public List<int[]> split(int[] labels, int numClasses, int clients, long seed) {
        Splits.check(DirichletProvider.ID, labels, numClasses, clients);
        Random random = new Random(seed);
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

    /** counts[c][i]: examples of class c for client i, from one Dirichlet draw per class. */
    private int[][] drawCounts(int[][] byClass, int clients, Random random) {
        int[][] counts = new int[byClass.length][clients];
        for (int c = 0; c < byClass.length; c++) {
            int n = byClass[c].length;
            double[] p = Gamma.dirichlet(beta, clients, random);
            // client i gets the examples between floor(cumsum_{<i}·n) and floor(cumsum_{≤i}·n); the last gets the rest
            double cum = 0;
            int prev = 0;
            for (int i = 0; i < clients; i++) {
                cum += p[i];
                int upTo = i == clients - 1 ? n : Math.min(n, Math.max(prev, (int) Math.floor(cum * n)));
                counts[c][i] = upTo - prev;
                prev = upTo;
            }
        }
        return counts;
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
