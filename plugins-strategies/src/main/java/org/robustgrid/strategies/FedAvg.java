package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Strategy;

/** FedAvg (McMahan et al. 2017): the recipe's local loss, states averaged with weights n_i / n. */
final class FedAvg implements Strategy {

    @Override
    public boolean federated() {
        return true;
    }

    // w ← Σ_i (n_i / n) · w_i
    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.byExamples(updates);
    }
}
