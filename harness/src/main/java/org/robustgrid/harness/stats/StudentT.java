package org.robustgrid.harness.stats;

/**
 * Student's t distribution: the two-sided p-value of a t statistic, and its inverse, from the regularized incomplete beta
 * function, {@code P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, 1/2)}, evaluated by its continued fraction (Lentz's method).
 */
public final class StudentT {

    private StudentT() {}

    /**
     * The two-sided p-value of {@code t} with {@code df} degrees of freedom.
     *
     * @param t a finite statistic
     * @param df degrees of freedom, at least 1
     */
    public static double twoSidedP(double t, double df) {
        if (!(df >= 1) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("a t test needs a finite statistic and df >= 1; got t " + t + ", df " + df);
        }
        return Math.min(1, regularizedBeta(df / (df + t * t), df / 2, 0.5));
    }

    /**
     * The critical value: the {@code t ≥ 0} whose two-sided p-value is {@code alpha} (the half-width of a
     * {@code 1 − alpha} interval in standard errors), by bisection on {@link #twoSidedP}.
     *
     * @param alpha in (0, 1)
     * @param df degrees of freedom, at least 1
     */
    public static double critical(double alpha, double df) {
        if (!(alpha > 0 && alpha < 1) || !(df >= 1)) {
            throw new IllegalArgumentException("a critical value needs alpha in (0, 1) and df >= 1; got alpha " + alpha + ", df " + df);
        }
        double low = 0;
        double high = 1;
        while (twoSidedP(high, df) > alpha) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++) {
            double mid = (low + high) / 2;
            if (twoSidedP(mid, df) > alpha) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** {@code I_x(a, b)} for x in [0, 1] and a, b &gt; 0. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        // the continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x " + x + ", a " + a + ", b " + b);
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine coefficients; relative error below 1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            // reflection: Γ(x)Γ(1−x) = π / sin(πx)
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
