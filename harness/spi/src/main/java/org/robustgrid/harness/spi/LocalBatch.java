package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One training batch of one client, as the harness hands it to {@link Strategy#localLoss}. All
 * arrays belong to the harness's step scope.
 */
public interface LocalBatch {

    /** Augmented clean images (N, C, H, W) in [0,1]. */
    NDArray clean();

    /** Adversarial copies of {@link #clean()} from the training attack, or null when there is none. */
    NDArray adversarial();

    /** Gaussian-noise copies of {@link #clean()}, or null when the recipe adds no noise. */
    NDArray noisy();

    /** True labels, int (N). */
    NDArray labels();

    /** The recipe's soft labels (N, classes): true class 1 − (K−1)α/K, others α/K. */
    NDArray softLabels();

    /** Logits of {@code x} in training mode, tracked for the weights' gradients. */
    NDArray forward(NDArray x);

    /** The recipe's loss: soft-label cross-entropy over every copy the recipe builds. */
    NDArray recipeLoss();

    /** The trainable weights, tracked, in the order of {@link ClientContext#globalWeights()}. */
    List<NDArray> weights();
}
