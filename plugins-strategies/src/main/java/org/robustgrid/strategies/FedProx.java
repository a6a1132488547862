package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.LocalBatch;
import org.robustgrid.harness.spi.Scalars;
import org.robustgrid.harness.spi.Strategy;

/**
 * FedProx (Li et al. 2020, "Federated Optimization in Heterogeneous Networks"): the local loss gains a
 * proximal term that keeps a client's weights near the round's global weights; aggregation as FedAvg.
 */
final class FedProx implements Strategy {

    private final double mu;

    FedProx(double mu) {
        this.mu = mu;
    }

    @Override
    public boolean federated() {
        return true;
    }

    // loss = recipe loss + μ/2 · Σ_j ||w_j − w_j^global||²
    // float: a double scalar would promote the scalar loss to float64
    @Override
    public NDArray localLoss(LocalBatch batch, ClientContext client) {
        return batch.recipeLoss().add(proximal(batch.weights(), client.globalWeights(), batch.clean().getManager()).mul(Scalars.of(batch.clean(), mu / 2)));
    }

    /**
     * Σ_j ||w_j − g_j||², tracked through {@code w}. Every intermediate is moved to {@code step}: an
     * op on a weight would otherwise attach its result to the model's manager, which outlives the step.
     */
    static NDArray proximal(List<NDArray> weights, List<NDArray> global, NDManager step) {
        if (weights.size() != global.size()) {
            throw new IllegalArgumentException("fedprox got " + weights.size() + " trainable weights but "
                    + global.size() + " global weights; expected one global weight per trainable weight");
        }
        NDArray sum = null;
        for (int j = 0; j < weights.size(); j++) {
            NDArray diff = weights.get(j).sub(global.get(j));
            diff.attach(step);
            NDArray sq = diff.square().sum();
            sum = sum == null ? sq : sum.add(sq);
        }
        return sum == null ? step.create(0f) : sum;
    }

    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.byExamples(updates);
    }
}
