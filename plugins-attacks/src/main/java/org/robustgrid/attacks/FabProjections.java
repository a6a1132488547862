package org.robustgrid.attacks;

/**
 * FAB's step (Croce and Hein 2020): the smallest perturbation {@code d} with {@code ⟨w, t + d⟩ = b} and
 * {@code t + d ∈ [0,1]^D}, in L∞ or L2, of one point {@code t}; where the box cannot reach the plane, the
 * box's point nearest to it. Solved exactly as the authors' fab_projections.py does: sort the coordinates
 * by where they hit the box, then a binary search over the sorted breakpoints. Computed in double.
 */
final class FabProjections {

    private FabProjections() {}

    /** The L∞ projection of {@code t} onto {@code ⟨w, x⟩ = b} within the box, as a step {@code d}. */
    static double[] linf(double[] t, double[] wIn, double bIn) {
        int n = t.length;
        double[] w = wIn.clone();
        double sign = dot(w, t) - bIn >= 0 ? 1 : -1;
        double b = bIn * sign;
        double[] a = new double[n];
        double[] d = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] *= sign;
            a[i] = w[i] < 0 ? 1 : 0;
            d[i] = w[i] != 0 ? a[i] - t[i] : 0;
            p[i] = a[i] - t[i] * (2 * a[i] - 1);
        }
        int[] up = argsort(p);
        b -= dot(w, t);
        double b0 = dot(w, d);
        // coordinates by falling p: cumulative |w| and cumulative -w·d, offset by b0
        double[] s = new double[n];
        double[] sb = new double[n];
        double cs = 0;
        double csb = b0;
        for (int j = 0; j < n; j++) {
            int k = up[n - 1 - j];
            cs += Math.abs(w[k]);
            csb += -w[k] * d[k];
            s[j] = cs;
            sb[j] = csb;
        }
        boolean whole = b - (sb[n - 1] - s[n - 1] * p[up[0]]) > 0;
        boolean partial = b - b0 > 0 && !whole;
        if (whole) {
            double lambda = Math.max((b - sb[n - 1]) / -s[n - 1], 0);
            for (int i = 0; i < n; i++) {
                d[i] = (2 * a[i] - 1) * lambda;
            }
        } else if (partial) {
            int lb = 0;
            int ub = n - 1;
            for (int it = 0; it < iterations(n); it++) {
                int mid = (lb + ub) / 2;
                boolean beyond = b - (sb[mid] - s[mid] * p[up[n - 1 - mid]]) > 0;
                lb = beyond ? mid : lb;
                ub = beyond ? ub : mid;
            }
            double lambda = Math.max((b - sb[lb]) / -s[lb], 0);
            for (int i = 0; i < n; i++) {
                d[i] = Math.min(lambda, d[i]) * a[i] + Math.max(-lambda, d[i]) * (1 - a[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = w[i] != 0 ? d[i] : 0;
        }
        return d;
    }

    /** The L2 projection of {@code t} onto {@code ⟨w, x⟩ = b} within the box, as a step {@code d}. */
    static double[] l2(double[] t, double[] wIn, double bIn) {
        final double big = 1e12;
        final double flat = 1e-8;
        int n = t.length;
        double[] w = wIn.clone();
        double c = dot(w, t) - bIn;
        double sign = c >= 0 ? 1 : -1;
        c *= sign;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] *= sign;
            // where coordinate i leaves the box when moving along -w
            double ri = Math.min(Math.max(Math.max(t[i] / w[i], (t[i] - 1) / w[i]), -big), big);
            r[i] = Math.abs(w[i]) < flat || ri == -big ? big : ri;
        }
        int[] order = argsort(r);
        double[] rs = new double[n];
        double[] rs2 = new double[n];
        double w5 = 0;
        for (int j = 0; j < n; j++) {
            rs[j] = r[order[j]];
            rs2[j] = j + 1 < n ? r[order[j + 1]] : 0;
            w5 += w[order[j]] * w[order[j]];
        }
        for (int j = 0; j < n; j++) {
            rs[j] = rs[j] == big ? 0 : rs[j];
            rs2[j] = rs2[j] == big ? 0 : rs2[j];
        }
        double[] ws = new double[n];
        double cum = 0;
        for (int j = 0; j < n; j++) {
            cum += w[order[j]] * w[order[j]];
            ws[j] = w5 - cum;
        }
        double[] d = new double[n];
        double dw = 0;
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(w[i]) > flat ? -(r[i] * w[i]) : 0;
            dw += d[i] * w[i];
        }
        double[] s = new double[n + 1];
        s[0] = -w5 * rs[0];
        double acc = 0;
        for (int j = 0; j < n; j++) {
            acc += (-rs2[j] + rs[j]) * ws[j];
            s[j + 1] = acc - w5 * rs[0];
        }
        boolean inside = s[0] + c < 0;
        boolean corner = dw + c > 0;
        if (inside) {
            double alpha = c / w5;
            for (int i = 0; i < n; i++) {
                d[i] = -alpha * w[i];
            }
        } else if (!corner) {
            int lb = 0;
            int ub = n - 1;
            for (int it = 0; it < iterations(n); it++) {
                int mid = (lb + ub) / 2;
                boolean beyond = s[mid] + c > 0;
                lb = beyond ? mid : lb;
                ub = beyond ? ub : mid;
            }
            double alpha = ws[lb] == 0 ? 0 : (s[lb] + c) / ws[lb] + rs[lb];
            for (int i = 0; i < n; i++) {
                d[i] = alpha > r[i] ? d[i] : -alpha * w[i];
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(w[i]) > flat ? d[i] : 0;
        }
        return d;
    }

    private static int iterations(int n) {
        return (int) Math.ceil(Math.log(n) / Math.log(2));
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    /** Indices that sort {@code v} ascending (stable). */
    private static int[] argsort(double[] v) {
        return java.util.stream.IntStream.range(0, v.length).boxed()
                .sorted((i, j) -> Double.compare(v[i], v[j])).mapToInt(Integer::intValue).toArray();
    }
}
