package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.LocalBatch;

/**
 * A local batch whose "network" is the identity: {@code forward(x) = x}, so the images are the
 * logits (N, K) and a loss can be checked by hand.
 */
record FakeBatch(NDArray clean, NDArray adversarial, NDArray labels, NDArray recipeLoss, List<NDArray> weights)
        implements LocalBatch {

    @Override
    public NDArray noisy() {
        return null;
    }

    @Override
    public NDArray softLabels() {
        return null;
    }

    @Override
    public NDArray forward(NDArray x) {
        return x;
    }
}
