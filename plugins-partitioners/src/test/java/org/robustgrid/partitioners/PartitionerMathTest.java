package org.robustgrid.partitioners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.robustgrid.harness.testkit.PartitionerContractTest.assertPartition;
import static org.robustgrid.harness.testkit.PartitionerContractTest.balancedLabels;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;
import org.robustgrid.harness.spi.SpecException;

/** The distributions each partitioner promises, measured on its splits. */
class PartitionerMathTest {

    private static final int N = 1000;
    private static final int K = 10;

    private static Partitioner create(PartitionerProvider provider, Map<String, String> values) {
        return provider.create(Params.resolve(provider.id(), provider.parameters(), values));
    }

    private static int[] classCounts(int[] client, int[] labels) {
        int[] counts = new int[K];
        for (int i : client) {
            counts[labels[i]]++;
        }
        return counts;
    }

    /** Mean over clients of the share of the client's most common class: 1/K for perfect IID, 1 for one class each. */
    private static double meanMaxShare(List<int[]> split, int[] labels) {
        double sum = 0;
        for (int[] client : split) {
            sum += (double) Arrays.stream(classCounts(client, labels)).max().orElseThrow() / client.length;
        }
        return sum / split.size();
    }

    @Test
    void iidSizesDifferByAtMostOne() {
        List<int[]> split = create(new IidProvider(), Map.of()).split(balancedLabels(1003, K, 1), K, 10, 9);
        for (int[] c : split) {
            assertTrue(c.length == 100 || c.length == 101, "size " + c.length);
        }
    }

    @Test
    void shardsGiveEachClientAtMostTwoClassesAndEqualSizes() {
        int[] labels = balancedLabels(N, K, 3);
        for (long seed = 0; seed < 5; seed++) {
            List<int[]> split = create(new ShardsProvider(), Map.of()).split(labels, K, 10, seed);
            assertPartition(split, N, 10);
            for (int[] client : split) {
                // 20 shards of 50 inside classes of 100: two shards, each of one class
                assertEquals(100, client.length);
                long classes = Arrays.stream(classCounts(client, labels)).filter(c -> c > 0).count();
                assertTrue(classes >= 1 && classes <= 2, "client has " + classes + " classes");
                assertTrue(Arrays.stream(classCounts(client, labels)).allMatch(c -> c % 50 == 0),
                        "counts " + Arrays.toString(classCounts(client, labels)) + " are not whole shards");
            }
        }
    }

    @Test
    void shardsWithOneClassPerClientGiveOneClassEach() {
        int[] labels = balancedLabels(N, K, 3);
        List<int[]> split = create(new ShardsProvider(), Map.of("classes-per-client", "1")).split(labels, K, 10, 4);
        boolean[] taken = new boolean[K];
        for (int[] client : split) {
            int[] counts = classCounts(client, labels);
            int cls = -1;
            for (int c = 0; c < K; c++) {
                if (counts[c] > 0) {
                    assertEquals(-1, cls, "client holds two classes: " + Arrays.toString(counts));
                    cls = c;
                }
            }
            assertEquals(100, counts[cls]);
            taken[cls] = true;
        }
        for (boolean t : taken) {
            assertTrue(t);
        }
    }

    @Test
    void shardsRejectMoreShardsThanExamples() {
        Partitioner shards = create(new ShardsProvider(), Map.of());
        // 10 clients × 2 shards need 20 examples
        assertThrows(SpecException.class, () -> shards.split(balancedLabels(15, K, 1), K, 10, 1));
        assertPartition(shards.split(balancedLabels(20, K, 1), K, 10, 1), 20, 10);
    }

    @Test
    void dirichletWithLargeBetaIsNearIidAndSmallBetaIsSkewed() {
        int[] labels = balancedLabels(10_000, K, 5);
        double iid = meanMaxShare(create(new DirichletProvider(), Map.of("beta", "1000")).split(labels, K, 10, 1), labels);
        double half = meanMaxShare(create(new DirichletProvider(), Map.of()).split(labels, K, 10, 1), labels);
        double skewed = meanMaxShare(create(new DirichletProvider(), Map.of("beta", "0.05")).split(labels, K, 10, 1), labels);
        // Dir(1000) proportions are 0.1 ± 0.003, so shares stay near 1/K; Dir(0.05) puts most of a
        // class on one client, so a client is dominated by one class.
        assertTrue(iid < 0.15, "beta=1000 max share " + iid);
        assertTrue(half > 0.2 && half < skewed, "beta=0.5 max share " + half + " vs beta=0.05 " + skewed);
        assertTrue(skewed > 0.6, "beta=0.05 max share " + skewed);
    }

    @Test
    void dirichletKeepsEveryClientAboveMinSize() {
        int[] labels = balancedLabels(N, K, 5);
        for (long seed = 0; seed < 10; seed++) {
            List<int[]> split = create(new DirichletProvider(), Map.of("beta", "0.01", "min-size", "20")).split(labels, K, 20, seed);
            assertPartition(split, N, 20);
            for (int[] c : split) {
                assertTrue(c.length >= 20, "client of " + c.length + " with min-size 20, seed " + seed);
            }
        }
    }

    @Test
    void dirichletTopsUpWhenNoDrawSatisfiesMinSize() {
        // min-size 50 on 1000 examples and 20 clients is forced to exactly 50 each; Dir(0.01) never draws that
        int[] labels = balancedLabels(N, K, 5);
        List<int[]> split = create(new DirichletProvider(), Map.of("beta", "0.01", "min-size", "1000")).split(labels, K, 20, 3);
        assertPartition(split, N, 20);
        for (int[] c : split) {
            assertEquals(50, c.length);
        }
    }

    @Test
    void dirichletProportionsSumToOneWithTheRightMean() {
        // E[p_i] = 1/k and Var[p_i] = (k−1)/(k²(kα+1)) for Dir(α·1_k)
        Random random = new Random(11);
        int k = 4;
        double alpha = 0.5;
        int draws = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int d = 0; d < draws; d++) {
            double[] p = Gamma.dirichlet(alpha, k, random);
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
            sum += p[0];
            sumSq += p[0] * p[0];
        }
        double mean = sum / draws;
        double var = sumSq / draws - mean * mean;
        assertEquals(0.25, mean, 0.01);
        assertEquals(3.0 / (16 * 3), var, 0.005);
    }

    @Test
    void gammaHasMeanAndVarianceEqualToItsShape() {
        for (double shape : new double[] {0.3, 2.5}) {
            Random random = new Random(5);
            int draws = 40_000;
            double sum = 0;
            double sumSq = 0;
            for (int d = 0; d < draws; d++) {
                double g = Math.exp(Gamma.logGamma(shape, random));
                sum += g;
                sumSq += g * g;
            }
            double mean = sum / draws;
            assertEquals(shape, mean, 0.05 * shape + 0.01, "mean of Gamma(" + shape + ")");
            assertEquals(shape, sumSq / draws - mean * mean, 0.1 * shape + 0.01, "variance of Gamma(" + shape + ")");
        }
    }

    @Test
    void logNormalQuantitySkewSizesVaryAndSumToN() {
        int[] labels = balancedLabels(N, K, 5);
        List<int[]> split = create(new LogNormalQuantitySkewProvider(), Map.of()).split(labels, K, 10, 2);
        int[] sizes = split.stream().mapToInt(c -> c.length).toArray();
        assertEquals(N, Arrays.stream(sizes).sum());
        int max = Arrays.stream(sizes).max().orElseThrow();
        int min = Arrays.stream(sizes).min().orElseThrow();
        // log sizes have sd 1: the largest of ten is e^(~3) times the smallest in expectation
        assertTrue(max > 2 * min, "sizes " + Arrays.toString(sizes));
    }

    @Test
    void logNormalQuantitySkewWithSigmaZeroIsEqualSizes() {
        List<int[]> split = create(new LogNormalQuantitySkewProvider(), Map.of("sigma", "0")).split(balancedLabels(1003, K, 5), K, 10, 2);
        for (int[] c : split) {
            assertTrue(c.length == 100 || c.length == 101, "size " + c.length);
        }
    }

    @Test
    void logNormalQuantitySkewLabelsStayIid() {
        int[] labels = balancedLabels(20_000, K, 5);
        List<int[]> split = create(new LogNormalQuantitySkewProvider(), Map.of("sigma", "0.5")).split(labels, K, 5, 2);
        for (int[] client : split) {
            int[] counts = classCounts(client, labels);
            for (int c : counts) {
                double share = (double) c / client.length;
                // a random subset of ≥ ~1000 from balanced labels: each class share 0.1 ± a few 0.01
                assertEquals(0.1, share, 0.05, "class shares " + Arrays.toString(counts));
            }
        }
    }

    @Test
    void apportionIsProportionalWithOneEach() {
        // weights 1:3 over 2 + 8 examples: one each, then 2 and 6
        assertArrayEquals(new int[] {3, 7}, LogNormalQuantitySkew.apportion(10, new double[] {1, 3}, 4));
        // weights 1:1:1 over 3 + 8: 8/3 each, remainders to the lowest indices
        assertArrayEquals(new int[] {4, 4, 3}, LogNormalQuantitySkew.apportion(11, new double[] {1, 1, 1}, 3));
    }

    @Test
    void dirichletBalanceStepStopsAClientAtNOverClientsPlusOneClassChunk() {
        // a client below N/n = 100 gets at most one more chunk, of at most one class (100 examples): < 200;
        // without the step Dir(0.1) piles several whole classes on one client
        int[] labels = balancedLabels(N, K, 5);
        int unbalancedMax = 0;
        for (long seed = 0; seed < 20; seed++) {
            for (int[] c : create(new DirichletProvider(), Map.of("beta", "0.1")).split(labels, K, 10, seed)) {
                assertTrue(c.length < 200, "client of " + c.length + " despite the balance step, seed " + seed);
            }
            for (int[] c : create(new DirichletProvider(), Map.of("beta", "0.1", "balance", "false")).split(labels, K, 10, seed)) {
                unbalancedMax = Math.max(unbalancedMax, c.length);
            }
        }
        assertTrue(unbalancedMax >= 200, "without the balance step the largest client was only " + unbalancedMax);
    }

    @Test
    void dirichletAcceptsFlowersAlphaWithTheSameKeyAndSplit() {
        DirichletProvider p = new DirichletProvider();
        Params alpha = Params.resolve(p.id(), p.parameters(), Map.of("alpha", "0.3"));
        Params beta = Params.resolve(p.id(), p.parameters(), Map.of("beta", "0.3"));
        assertEquals(beta.canonical(), alpha.canonical());
        int[] labels = balancedLabels(N, K, 5);
        List<int[]> a = p.create(alpha).split(labels, K, 10, 7);
        List<int[]> b = p.create(beta).split(labels, K, 10, 7);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(b.get(i), a.get(i));
        }
    }

    @Test
    void quantitySkewCutsDirichletSharesAtFloorOfCumulativeSums() {
        // shares 0.25, 0.5, 0.25 of 10: cuts at floor(2.5) = 2 and floor(7.5) = 7
        assertArrayEquals(new int[] {2, 5, 3}, QuantitySkew.cut(new double[] {0.25, 0.5, 0.25}, 10));
        int[] sizes = {0, 7, 3};
        QuantitySkew.topUp(sizes, 2);
        assertArrayEquals(new int[] {2, 5, 3}, sizes);
    }

    @Test
    void quantitySkewKeepsLabelsIidAndEveryClientAboveMinSize() {
        int[] labels = balancedLabels(20_000, K, 5);
        for (long seed = 0; seed < 10; seed++) {
            List<int[]> split = create(new QuantitySkewProvider(), Map.of("beta", "0.5", "min-size", "50")).split(labels, K, 10, seed);
            assertPartition(split, 20_000, 10);
            for (int[] client : split) {
                assertTrue(client.length >= 50, "client of " + client.length + " with min-size 50");
                if (client.length >= 2000) {
                    for (int c : classCounts(client, labels)) {
                        assertEquals(0.1, (double) c / client.length, 0.05, "class shares " + Arrays.toString(classCounts(client, labels)));
                    }
                }
            }
        }
    }
}
