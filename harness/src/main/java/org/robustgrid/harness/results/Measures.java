package org.robustgrid.harness.results;

/**
 * What one evaluation measured. Accuracies and rates are fractions in [0,1]; NaN (written as an empty
 * cell) where nothing was measured, as in a failed row.
 *
 * @param naturalAcc the model's accuracy on the whole clean test set
 * @param robustAcc accuracy on the attacked images
 * @param evalNaturalAcc accuracy on the clean versions of the attacked images
 * @param evalExamples images attacked; -1 when none
 * @param successRate fraction of correctly classified images the attack made wrong
 * @param medianL2 median L2 norm of successful perturbations, [0,1] pixel units
 * @param medianLinf median L∞ norm of successful perturbations
 * @param evalSeconds wall time of the attack
 */
public record Measures(
        double naturalAcc, double robustAcc, double evalNaturalAcc, int evalExamples, double successRate, double medianL2,
        double medianLinf, double evalSeconds) {

    /** Nothing measured. */
    public static final Measures NONE = new Measures(Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** Only the model's natural accuracy (its attack failed). */
    public static Measures naturalOnly(double naturalAcc) {
        return new Measures(naturalAcc, Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
