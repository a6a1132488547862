package org.robustgrid.harness.evaluate;

/**
 * What one eval attack measured on one model.
 *
 * @param naturalAccuracy accuracy on the clean versions of the attacked images, in [0,1]
 * @param robustAccuracy accuracy on the adversarial images, in [0,1]
 * @param successRate fraction of correctly classified images the attack made wrong (NaN when none were correct)
 * @param medianL2 median L2 norm of successful perturbations, pixel units on [0,1] (NaN when none)
 * @param medianLinf median L∞ norm of successful perturbations (NaN when none)
 * @param examples number of attacked images
 * @param seconds wall time of the attack and its evaluation
 */
public record AttackOutcome(
        double naturalAccuracy, double robustAccuracy, double successRate, double medianL2, double medianLinf,
        int examples, double seconds) {}
