package org.robustgrid.harness.evaluate;

import java.util.Optional;
import org.robustgrid.harness.results.Outcomes;
import org.robustgrid.harness.results.Stages;
import org.robustgrid.harness.spi.Budget;

/**
 * What one eval attack measured on one model.
 *
 * @param naturalAccuracy accuracy on the clean versions of the attacked images, in [0,1]
 * @param robustAccuracy share of the attacked images whose clean image is right and that the attack did
 *     not break within {@code budget} (AutoAttack's convention), in [0,1]
 * @param robustCount the images behind {@code robustAccuracy}
 * @param budget the budget the attack is reported at; empty for an attack reported without one
 * @param successRate fraction of correctly classified images the attack made wrong at any norm (NaN when none were correct)
 * @param medianL2 median L2 norm of successful perturbations, pixel units on [0,1] (NaN when none)
 * @param medianLinf median L∞ norm of successful perturbations (NaN when none)
 * @param examples number of attacked images
 * @param seconds wall time of the attack and its evaluation
 * @param perImage the outcome of every image, for worst cases, paired tests and curves
 * @param stages the breakdown of a composite attack (which stage broke each image, time per stage); null otherwise
 */
public record AttackOutcome(
        double naturalAccuracy, double robustAccuracy, long robustCount, Optional<Budget> budget, double successRate, double medianL2,
        double medianLinf, int examples, double seconds, Outcomes perImage, Stages stages) {

    /** An outcome without a breakdown. */
    public AttackOutcome(double naturalAccuracy, double robustAccuracy, long robustCount, Optional<Budget> budget, double successRate,
            double medianL2, double medianLinf, int examples, double seconds, Outcomes perImage) {
        this(naturalAccuracy, robustAccuracy, robustCount, budget, successRate, medianL2, medianLinf, examples, seconds, perImage, null);
    }

    /** The breakdown, when the attack was a composite one. */
    public Optional<Stages> breakdown() {
        return Optional.ofNullable(stages);
    }
}
