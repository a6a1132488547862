package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Strategy;

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, drop the ⌊β·m⌋ largest and
 * ⌊β·m⌋ smallest of the m client values and average the rest, unweighted. With few clients
 * ⌊β·m⌋ may be 0, and it is the plain mean.
 */
final class TrimmedMean implements Strategy {

    private final double beta;

    TrimmedMean(double beta) {
        this.beta = beta;
    }

    @Override
    public boolean federated() {
        return true;
    }

    // w[k] ← mean of sorted_i w_i[k] without its ⌊β·m⌋ first and ⌊β·m⌋ last
    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.trimmedMean(updates, trimmed(beta, updates.size()));
    }

    /** ⌊β·m⌋, with a margin so that 0.1 × 30 is 3 despite binary rounding. */
    static int trimmed(double beta, int m) {
        return (int) Math.floor(beta * m + 1e-9);
    }
}
