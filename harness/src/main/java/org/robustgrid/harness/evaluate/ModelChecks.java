package org.robustgrid.harness.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.data.Batches;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;

/**
 * AutoAttack's checks of the model before its attacks run (checks.py), on the first batch of eval images: the
 * output differs between two passes on the same input (a randomized defence: evaluate it with
 * {@code version=rand}); the outputs are a probability distribution (softmax, not logits); and images whose
 * input gradient is exactly zero (gradient masking). The margin {@code z_y − max_{k≠y} z_k} is
 * differentiated rather than the cross-entropy, whose gradient underflows on confident images.
 */
public final class ModelChecks {

    /** The reference's tolerance on two passes' normalised outputs. */
    static final double RANDOMIZED = 1e-4;
    /** The reference's tolerance on a probability distribution. */
    static final double PROBABILITY = 1e-5;

    private ModelChecks() {}

    /** The warnings for the first {@code batch} images of {@code data}; empty when all looks sound. */
    public static List<String> check(Network net, Dataset data, int batch) {
        int n = Math.min(batch, data.size());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        try (NDManager weights = net.manager().newSubManager(); NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NetworkClassifier c = net.inference(weights);
            Batches.Batch b = Batches.make(m, net.device(), data, order, 0, n, false, 0, null);
            return check(c, b.x(), b.y());
        }
    }

    /** The warnings for a classifier on images {@code x} with labels {@code y}. */
    static List<String> check(Classifier c, NDArray x, NDArray y) {
        List<String> out = new ArrayList<>();
        NDArray first = c.logits(x);
        NDArray second = c.logits(x);
        double diff = unit(first).sub(unit(second)).abs().max().getFloat();
        if (diff > RANDOMIZED) {
            out.add(String.format(Locale.ROOT, "the model's output differs between two passes on the same input (by %.2g): a randomized"
                    + " defence? evaluate it with autoattack(version=rand)", diff));
        }
        boolean probabilities = first.max().getFloat() < 1 + PROBABILITY && first.min().getFloat() > -PROBABILITY
                && first.sum(new int[] {1}).sub(1f).abs().max().getFloat() < PROBABILITY;
        if (probabilities) {
            out.add("the model's outputs sum to 1 and lie in [0,1]: they look like softmax probabilities, and the attacks need logits");
        }
        NDArray oneHot = y.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot(c.numClasses());
        NDArray grad = c.gradient(x, (xt, z) -> Perturbations.margin(z, oneHot).sum()).grad();
        long zero = Perturbations.l1(grad).eq(0).sum().getLong();
        if (zero > 0) {
            out.add(String.format(Locale.ROOT, "%d of %d images have an input gradient of exactly zero: gradient masking suspected,"
                    + " gradient-based attacks may be unreliable", zero, x.getShape().get(0)));
        }
        return out;
    }

    private static NDArray unit(NDArray z) {
        return z.div(z.norm(new int[] {1}, true).add(1e-10f));
    }
}
