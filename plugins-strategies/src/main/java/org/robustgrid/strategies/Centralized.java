package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Strategy;

/**
 * Centralized training: one client holding the whole training set, no rounds. Aggregating its one
 * update returns a copy; given several (never, from the harness) it pools them by examples, as FedAvg.
 */
final class Centralized implements Strategy {

    @Override
    public boolean federated() {
        return false;
    }

    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.byExamples(updates);
    }
}
