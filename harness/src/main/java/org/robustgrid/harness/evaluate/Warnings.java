package org.robustgrid.harness.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.robustgrid.harness.spi.Budget;

/**
 * Signs of a broken evaluation (Carlini et al. 2019, "On Evaluating Adversarial Robustness"): an attack
 * that raises accuracy, or a black-box attack beating a white-box one at the same budget (gradient
 * masking).
 */
public final class Warnings {

    /** Accuracy differences below this are noise on a few hundred images. */
    public static final double TOLERANCE = 0.005;

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
        if (now.budget().isEmpty()) {
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
