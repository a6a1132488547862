package org.robustgrid.harness.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment (Holm 1979): a family of m tests whose adjusted p-values are compared
 * with α keeps the chance of any false "different" at most α, without assuming independence.
 */
public final class Holm {

    private Holm() {}

    /**
     * Adjusted p-values: sorted ascending, the i-th (from 0) becomes {@code max over j ≤ i of min(1,
     * (m − j)·p_(j))}.
     *
     * @param p raw p-values, each in [0,1]
     * @return the adjusted p-values in the order of {@code p}
     */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is " + p[i] + "; expected a value in [0,1]");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
