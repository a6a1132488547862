package org.robustgrid.partitioners;

import java.util.Random;

/**
 * Gamma and Dirichlet variates from a {@link Random}, in log space so that tiny shapes (β = 0.01,
 * whose variates underflow a double) still give a proper Dirichlet draw.
 */
final class Gamma {

    private Gamma() {}

    /** A draw from Dir(α·1_k): k non-negative proportions summing to 1. */
    static double[] dirichlet(double alpha, int k, Random random) {
        double[] logs = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            logs[i] = logGamma(alpha, random);
            max = Math.max(max, logs[i]);
        }
        double sum = 0;
        double[] p = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(logs[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * log of a Gamma(shape, 1) variate: Marsaglia and Tsang (2000) for shape ≥ 1, and for shape &lt; 1
     * their boost {@code Gamma(a) = Gamma(a+1)·U^(1/a)}, i.e. {@code log Gamma(a+1) + log(U)/a}.
     */
    static double logGamma(double shape, Random random) {
        if (shape < 1) {
            double u = 1 - random.nextDouble(); // in (0, 1], so the log is finite
            return logGamma(shape + 1, random) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return Math.log(d * v);
            }
        }
    }
}
