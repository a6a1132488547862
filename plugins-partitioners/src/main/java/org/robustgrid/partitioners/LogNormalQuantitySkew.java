package org.robustgrid.partitioners;

import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.Partitioner;

/**
 * Quantity skew with IID labels: client sizes proportional to log-normal weights
 * {@code w_i = exp(σ·Z_i)}, {@code Z_i ~ N(0,1)}, each client first given one example so that none is
 * empty; the remaining {@code N − clients} are apportioned by largest remainder, so the sizes sum to
 * N exactly. The examples themselves are a random permutation, as in {@code iid}. robustgrid's own
 * rule, kept as a named option; the default {@code quantity-skew} is NIID-Bench's ({@link QuantitySkew}).
 */
final class LogNormalQuantitySkew implements Partitioner {

    private final double sigma;

    LogNormalQuantitySkew(double sigma) {
        this.sigma = sigma;
    }

    @Override
    public List<int[]> split(int[] labels, int numClasses, int clients, long seed) {
        Splits.check(LogNormalQuantitySkewProvider.ID, labels, numClasses, clients);
        Random random = Splits.random(seed);
        double[] w = new double[clients];
        double sum = 0;
        for (int i = 0; i < clients; i++) {
            w[i] = Math.exp(sigma * random.nextGaussian());
            sum += w[i];
        }
        int[] order = Splits.shuffle(Splits.range(labels.length), random);
        return Splits.cut(order, apportion(labels.length, w, sum));
    }

    /** size_i = 1 + floor(q_i) (+1 for the largest fractional parts), q_i = (N − k)·w_i / Σw. */
    static int[] apportion(int total, double[] w, double sum) {
        int k = w.length;
        int rest = total - k;
        int[] sizes = new int[k];
        double[] frac = new double[k];
        int given = 0;
        for (int i = 0; i < k; i++) {
            double q = rest * w[i] / sum;
            int base = (int) Math.floor(q);
            sizes[i] = 1 + base;
            frac[i] = q - base;
            given += base;
        }
        // ties go to the lower index, so the result depends on the weights alone
        for (int left = rest - given; left > 0; left--) {
            int top = -1;
            for (int i = 0; i < k; i++) {
                if (frac[i] >= 0 && (top < 0 || frac[i] > frac[top])) {
                    top = i;
                }
            }
            sizes[top]++;
            frac[top] = -1;
        }
        return sizes;
    }
}
