package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * An adversarial attack: {@code x_adv = perturb(model, x, y)}.
 *
 * <p>Contract: {@code x_adv} has the shape of {@code x} and lies in [0,1]; it is inside the
 * {@link #budget() budget} when there is one; the model is only used through {@link Classifier},
 * which runs it in inference mode and never changes its weights or their gradients; for a given
 * engine random seed the result is the same. Randomness (random starts, restarts) must come from the
 * engine's random generator ({@code NDManager.randomUniform} and friends), which the harness seeds.
 */
public interface Attack {

    /**
     * Returns adversarial images for a batch.
     *
     * @param model the classifier under attack
     * @param x images, float32 NCHW in [0,1]; owned by the caller, must not be modified in place
     * @param y true labels, int (N); owned by the caller
     * @return adversarial images attached to {@code x}'s manager
     */
    NDArray perturb(Classifier model, NDArray x, NDArray y);

    /** The perturbation budget, or empty for minimum-norm attacks (C&amp;W, DeepFool). */
    Optional<Budget> budget();

    /** True when the attack uses gradients (white-box); false for score-based attacks. */
    default boolean usesGradients() {
        return true;
    }
}
