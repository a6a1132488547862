package org.robustgrid.harness.stats;

/**
 * Wilson's score interval for a binomial proportion (Wilson 1927). Chosen over the normal
 * approximation because it stays inside [0,1] and keeps its coverage near 0 and 1, where robust
 * accuracies of weak models sit.
 */
public final class Wilson {

    /** The 0.975 quantile of the standard normal: a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {}

    /** The 95% interval of {@code k} successes in {@code n} trials; see {@link #interval(long, long, double)}. */
    public static Interval interval(long k, long n) {
        return interval(k, n, Z95);
    }

    /**
     * Wilson's interval {@code (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)}, {@code p = k/n}.
     *
     * @param k successes, in [0, n]
     * @param n trials, at least 1
     * @param z the normal quantile of the confidence level, positive ({@link #Z95} for 95%)
     * @return the estimate k/n and the interval, clamped to [0,1] against rounding
     */
    public static Interval interval(long k, long n, double z) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("expected 0 <= k <= n and n >= 1, got k=" + k + ", n=" + n);
        }
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("expected a positive finite z, got " + z);
        }
        double p = (double) k / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double den = 1 + z2 / n;
        double low = Math.max(0, Math.min(p, (centre - half) / den));
        double high = Math.min(1, Math.max(p, (centre + half) / den));
        return new Interval(p, low, high);
    }
}
