package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a strategy knows about the client it trains.
 *
 * @param client the client's index, from 0
 * @param clients the number of clients
 * @param round the federated round, from 0 (always 0 for centralized training)
 * @param classCounts examples of each class in this client's training data (shared slice included)
 * @param globalWeights the trainable weights at the start of the round, not tracked; owned by the harness
 */
public record ClientContext(int client, int clients, int round, long[] classCounts, List<NDArray> globalWeights) {

    /** Number of classes. */
    public int numClasses() {
        return classCounts.length;
    }

    /** Number of training examples this client holds. */
    public long examples() {
        long n = 0;
        for (long c : classCounts) {
            n += c;
        }
        return n;
    }
}
