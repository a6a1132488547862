package org.robustgrid.harness.stats;

/**
 * Robust accuracy as a function of the budget ε, from the per-image minimal perturbation norms of a
 * minimum-norm attack (or of any attack, from the norms of its successful perturbations).
 *
 * <p>Per image, its minimal norm {@code r} is one of:
 * <ul>
 *   <li>{@code NaN}: the clean image was misclassified; it is robust at no ε (AutoAttack's convention);
 *   <li>{@code +∞}: the attack failed on a correctly classified image; robust at every ε;
 *   <li>a finite {@code r ≥ 0}: the norm of the attack's successful perturbation, in the budget's norm
 *       and [0,1] pixel units; robust exactly at the ε with {@code r > ε}. A zero norm is therefore
 *       robust at no ε ≥ 0, like NaN.
 * </ul>
 */
public final class RobustnessCurve {

    private RobustnessCurve() {}

    /**
     * Whether an image counts as robust at budget {@code eps}: its clean image was right and the attack
     * failed or needed more than {@code eps}. The one definition the evaluator and the curves share.
     *
     * @param minimalNorm the image's minimal norm, as in the class comment
     * @param eps the budget, at least 0
     */
    public static boolean robust(double minimalNorm, double eps) {
        if (minimalNorm < 0) {
            throw new IllegalArgumentException("a minimal norm is >= 0, +inf or NaN; got " + minimalNorm);
        }
        return minimalNorm > eps;
    }

    /**
     * {@code points} evenly spaced budgets from 0 to {@code 2·eps}, both ends included.
     *
     * @param eps the evaluation budget, positive and finite
     * @param points at least 2
     */
    public static double[] grid(double eps, int points) {
        if (!(eps > 0) || Double.isInfinite(eps) || points < 2) {
            throw new IllegalArgumentException("expected eps > 0 and at least 2 points, got eps=" + eps + ", points=" + points);
        }
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = 2 * eps * i / (points - 1);
        }
        return g;
    }

    /**
     * Robust accuracy at each budget: the share of all images (misclassified clean ones included)
     * that are {@link #robust} there.
     *
     * @param minimalNorms one per image, as in the class comment; at least one
     * @param eps budgets, each at least 0, in any order
     * @return accuracies in [0,1], one per budget, non-increasing in ε
     */
    public static double[] accuracy(double[] minimalNorms, double[] eps) {
        if (minimalNorms.length == 0) {
            throw new IllegalArgumentException("a robustness curve needs at least one image");
        }
        double[] acc = new double[eps.length];
        for (int j = 0; j < eps.length; j++) {
            if (!(eps[j] >= 0)) {
                throw new IllegalArgumentException("budget " + j + " is " + eps[j] + "; expected a value >= 0");
            }
            long robust = 0;
            for (double r : minimalNorms) {
                robust += robust(r, eps[j]) ? 1 : 0;
            }
            acc[j] = (double) robust / minimalNorms.length;
        }
        return acc;
    }
}
