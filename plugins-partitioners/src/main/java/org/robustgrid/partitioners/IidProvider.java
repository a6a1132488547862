package org.robustgrid.partitioners;

import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;

/** {@code iid}: a uniformly random split into equal-size clients; every client sees every class. */
public final class IidProvider implements PartitionerProvider {

    static final String ID = "iid";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "IID: a random split into clients of equal size";
    }

    @Override
    public Partitioner create(Params params) {
        return new Iid();
    }
}
