package org.robustgrid.harness.stats;

/**
 * A proportion and its confidence interval.
 *
 * @param estimate the observed proportion k/n, in [0,1]
 * @param low the interval's lower end, in [0, estimate]
 * @param high the interval's upper end, in [estimate, 1]
 */
public record Interval(double estimate, double low, double high) {

    public Interval {
        if (!(low <= estimate && estimate <= high)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] does not contain its estimate " + estimate);
        }
    }

    /** Half the interval's width, the "±" a table prints. */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
