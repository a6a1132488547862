package org.robustgrid.harness.results;

import java.util.Optional;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.stats.Interval;
import org.robustgrid.harness.stats.Wilson;

/**
 * What one evaluation measured. Accuracies and rates are fractions in [0,1]; NaN (written as an empty
 * cell) where nothing was measured, as in a failed row. Robust accuracy follows AutoAttack's convention:
 * an image counts when its clean image is classified correctly and the attack did not succeed within
 * {@link #budget}.
 *
 * @param naturalAcc the model's accuracy on the whole clean test set
 * @param naturalLow lower end of its 95% Wilson interval
 * @param naturalHigh upper end
 * @param robustAcc robust accuracy on the eval images
 * @param robustLow lower end of its 95% Wilson interval
 * @param robustHigh upper end
 * @param evalNaturalAcc accuracy on the clean versions of the eval images (the same images as robustAcc)
 * @param evalExamples eval images; -1 when none
 * @param budget the budget the row is reported at (the attack's own, or the one its spec names for a
 *     minimum-norm attack); empty for an attack reported without one
 * @param successRate fraction of correctly classified images the attack made wrong, at any norm
 * @param medianL2 median L2 norm of successful perturbations (any norm), [0,1] pixel units
 * @param medianLinf median L∞ norm of successful perturbations
 * @param evalSeconds wall time of the attack
 * @param kind what kind of attack the row reports
 */
public record Measures(
        double naturalAcc, double naturalLow, double naturalHigh, double robustAcc, double robustLow, double robustHigh,
        double evalNaturalAcc, int evalExamples, Optional<Budget> budget, double successRate, double medianL2, double medianLinf,
        double evalSeconds, AttackKind kind) {

    /** Only the model's natural accuracy and the budget the row was to be reported at (its attack failed). */
    public static Measures naturalOnly(double naturalAcc, double naturalLow, double naturalHigh, Optional<Budget> budget) {
        return new Measures(naturalAcc, naturalLow, naturalHigh, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, budget, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, AttackKind.UNKNOWN);
    }

    /** The 95% Wilson interval of k correct out of n, as (low, high); NaNs for n = 0. */
    public static double[] wilson(long k, long n) {
        if (n <= 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Interval i = Wilson.interval(k, n);
        return new double[] {i.low(), i.high()};
    }
}
