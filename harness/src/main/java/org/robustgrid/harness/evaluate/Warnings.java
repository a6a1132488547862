package org.robustgrid.harness.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.robustgrid.harness.spi.Budget;

/**
 * Signs of a broken evaluation (Carlini et al. 2019, "On Evaluating Adversarial Robustness"; AutoAttack's
 * checks.py): an attack that raises accuracy, a black-box attack beating a white-box one at the same budget
 * or a black-box stage of a composite attack breaking images its white-box stages left robust (gradient
 * masking), and a minimum-norm attack that fails on more than a few percent of the images at any norm
 * (its curve never reaches zero). The checks of the model itself are {@link ModelChecks}.
 */
public final class Warnings {

    /** Accuracy differences below this are noise on a few hundred images. */
    public static final double TOLERANCE = 0.005;
    /** The share of images a black-box stage may break after the white-box ones: AutoAttack's check_square_sr, 0.2%. */
    public static final double BLACK_BOX_STAGE = 0.002;
    /** The least share of correctly classified images an unbounded minimum-norm attack must break. */
    public static final double MINIMUM_NORM_SUCCESS = 0.95;

    private Warnings() {}

    /** An attack's result, as the comparison needs it. */
    public record Measured(String attack, Optional<Budget> budget, boolean usesGradients, double robustAccuracy) {}

    /** Warnings for a new result, given the model's earlier results. Empty when all looks sound. */
    public static List<String> check(Measured now, AttackOutcome outcome, List<Measured> earlier) {
        List<String> out = new ArrayList<>();
        if (outcome.robustAccuracy() > outcome.naturalAccuracy() + TOLERANCE) {
            out.add(String.format(Locale.ROOT, "robust accuracy %.4f above natural accuracy %.4f on the same images: the attack is broken",
                    outcome.robustAccuracy(), outcome.naturalAccuracy()));
        }
        outcome.breakdown().ifPresent(stages -> {
            int[] broken = stages.broken();
            for (int s = 0; s < broken.length; s++) {
                double share = (double) broken[s] / outcome.examples();
                if (!stages.whiteBox()[s] && share > BLACK_BOX_STAGE && s > 0) {
                    out.add(String.format(Locale.ROOT, "black-box stage %s broke %.2f%% of the images after the white-box stages before it:"
                            + " gradient masking suspected; the evaluation may be unreliable", stages.names().get(s), 100 * share));
                }
            }
        });
        if (now.budget().isEmpty()) {
            if (outcome.successRate() < MINIMUM_NORM_SUCCESS) {
                out.add(String.format(Locale.ROOT, "minimum-norm %s broke only %.1f%% of the correctly classified images at any norm:"
                        + " its curve never reaches zero; give it more steps (or restarts) until it breaks nearly all",
                        now.attack(), 100 * outcome.successRate()));
            }
            return out;
        }
        for (Measured other : earlier) {
            if (other.usesGradients() == now.usesGradients() || !now.budget().equals(other.budget())) {
                continue;
            }
            Measured blackBox = now.usesGradients() ? other : now;
            Measured whiteBox = now.usesGradients() ? now : other;
            if (blackBox.robustAccuracy() < whiteBox.robustAccuracy() - TOLERANCE) {
                out.add(String.format(Locale.ROOT,
                        "black-box %s (%.4f) beats white-box %s (%.4f) at the same budget: gradient masking suspected",
                        blackBox.attack(), blackBox.robustAccuracy(), whiteBox.attack(), whiteBox.robustAccuracy()));
            }
        }
        return out;
    }
}
