package org.robustgrid.harness.grid;

import org.robustgrid.harness.model.Network;

/**
 * A cell's model, ready to evaluate; closing it frees its native memory.
 *
 * @param net the network, weights loaded
 * @param steps optimizer steps of its whole training (also when restored from a checkpoint)
 * @param seconds wall time of its training, NaN when not known
 * @param trainedNow whether this run trained it (false: restored from its checkpoint)
 */
record TrainedModel(Network net, long steps, double seconds, boolean trainedNow) implements AutoCloseable {

    @Override
    public void close() {
        net.close();
    }
}
