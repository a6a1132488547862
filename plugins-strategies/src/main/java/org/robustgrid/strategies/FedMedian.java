package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Strategy;

/**
 * Coordinate-wise median (Yin et al. 2018, "Byzantine-Robust Distributed Learning"): robust to a
 * minority of outlying clients; unweighted, so client sizes do not matter.
 */
final class FedMedian implements Strategy {

    @Override
    public boolean federated() {
        return true;
    }

    // w[k] ← median_i w_i[k]   (mean of the two middle values for an even number of clients)
    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.median(updates);
    }
}
