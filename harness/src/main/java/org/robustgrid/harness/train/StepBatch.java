package org.robustgrid.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.LocalBatch;
import org.robustgrid.harness.spi.Losses;

/** One step's batch as {@link org.robustgrid.harness.spi.Strategy#localLoss} sees it. */
final class StepBatch implements LocalBatch {

    private final Network net;
    private final NDArray clean;
    private final NDArray adversarial;
    private final NDArray noisy;
    private final NDArray labels;
    private final NDArray softLabels;

    StepBatch(Network net, NDArray clean, NDArray adversarial, NDArray noisy, NDArray labels, NDArray softLabels) {
        this.net = net;
        this.clean = clean;
        this.adversarial = adversarial;
        this.noisy = noisy;
        this.labels = labels;
        this.softLabels = softLabels;
    }

    @Override
    public NDArray clean() {
        return clean;
    }

    @Override
    public NDArray adversarial() {
        return adversarial;
    }

    @Override
    public NDArray noisy() {
        return noisy;
    }

    @Override
    public NDArray labels() {
        return labels;
    }

    @Override
    public NDArray softLabels() {
        return softLabels;
    }

    @Override
    public NDArray forward(NDArray x) {
        return net.forwardTraining(x);
    }

    /** One forward over clean, adversarial and noisy copies together, soft-label cross-entropy. */
    @Override
    public NDArray recipeLoss() {
        NDList parts = new NDList(clean);
        if (adversarial != null) {
            parts.add(adversarial);
        }
        if (noisy != null) {
            parts.add(noisy);
        }
        NDArray x = parts.size() == 1 ? clean : NDArrays.concat(parts, 0);
        NDArray target = parts.size() == 1 ? softLabels : softLabels.tile(new long[] {parts.size(), 1});
        return Losses.softCrossEntropy(forward(x), target);
    }

    @Override
    public List<NDArray> weights() {
        List<NDArray> out = new ArrayList<>();
        for (Parameter p : net.trainable()) {
            out.add(p.getArray());
        }
        return out;
    }
}
