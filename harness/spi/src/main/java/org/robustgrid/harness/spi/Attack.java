package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * An adversarial attack: {@code x_adv = perturb(model, x, y)}.
 *
 * <p>Contract: {@code x_adv} has the shape of {@code x} and lies in [0,1]; it is inside the
 * {@link #budget() budget} when there is one (a minimum-norm attack has none, and is reported at
 * its {@link #evaluationBudget() evaluation budget}); the model is only used through {@link Classifier},
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

    /**
     * The budget the attack projects into: every image of {@code x_adv} is within it, and the harness
     * checks so. Empty for a minimum-norm attack (C&amp;W, DeepFool), which searches for the smallest
     * perturbation that fools the model and bounds nothing.
     *
     * @return the norm and ε (in [0,1] pixel units) of the projection, or empty
     */
    Optional<Budget> budget();

    /**
     * The budget the attack's results are reported at. An image counts as robust when its clean image
     * is classified correctly and either the attack failed on it or its perturbation's norm (in this
     * budget's norm) is larger than ε; for a bounded attack, whose perturbations are within ε, that is
     * when the attack failed.
     *
     * <p>For a bounded attack this is {@link #budget()} (the default; overriding it with anything else
     * breaks the contract). A minimum-norm attack overrides it with the budget its spec names, e.g.
     * {@code cw(eps=0.5,norm=l2)}, and still does not project: its perturbations, of any size, give the
     * accuracy-versus-ε curve. Empty only for a minimum-norm attack without one; its rows then carry
     * the unbounded success rate and median norm alone.
     *
     * @return the norm and ε (in [0,1] pixel units) of the evaluation, or empty
     */
    default Optional<Budget> evaluationBudget() {
        return budget();
    }

    /** True when the attack uses gradients (white-box); false for score-based attacks. */
    default boolean usesGradients() {
        return true;
    }
}
