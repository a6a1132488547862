package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An attack made of stages run in turn, each only on the images the stages before it left robust (AutoAttack's
 * cascade), and reported as one row whose robust accuracy is the ensemble's. Implementing this instead of
 * plain {@link Attack} lets the harness record the breakdown: which stage broke each image, the robust
 * accuracy after each stage and each stage's time. The harness calls {@link #perturbInStages} and never
 * {@link #perturb} for such an attack.
 *
 * <p>The whole is one {@link Attack}: {@link #budget()} is the budget every stage's success is judged at, and
 * every returned image is within it (a minimum-norm stage's success counts only within the budget, and its
 * larger perturbations are not returned).
 */
public interface CompositeAttack extends Attack {

    /**
     * One stage of the cascade.
     *
     * @param name how reports name it, e.g. {@code apgd-t}
     * @param usesGradients whether it is a white-box stage (the harness compares black-box with white-box stages)
     */
    record Stage(String name, boolean usesGradients) {}

    /**
     * What {@link #perturbInStages} gives for a batch.
     *
     * @param adversarial the adversarial images, as {@link #perturb} returns them
     * @param brokenBy per image, the index in {@link #stages()} of the stage that broke it, or -1 where none did
     *     (robust, or misclassified before any attack)
     * @param seconds per stage, its wall time on this batch
     */
    record Result(NDArray adversarial, int[] brokenBy, double[] seconds) {}

    /** The stages in the order they run; the same for every batch. */
    List<Stage> stages();

    /**
     * Runs the cascade on a batch.
     *
     * @param model the classifier under attack
     * @param x images, float32 NCHW in [0,1]; owned by the caller, not modified
     * @param y true labels, int (N); owned by the caller
     * @return the adversarial images (attached to {@code x}'s manager) and the breakdown
     */
    Result perturbInStages(Classifier model, NDArray x, NDArray y);

    @Override
    default NDArray perturb(Classifier model, NDArray x, NDArray y) {
        return perturbInStages(model, x, y).adversarial();
    }
}
