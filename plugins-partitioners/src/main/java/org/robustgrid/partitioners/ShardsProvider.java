package org.robustgrid.partitioners;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;

/**
 * {@code shards(classes-per-client=2)}: pathological label skew as in FedAvg's paper: label-sorted
 * data cut into {@code clients × classes-per-client} shards, each client given that many at random.
 */
public final class ShardsProvider implements PartitionerProvider {

    static final String ID = "shards";
    static final String CLASSES_PER_CLIENT = "classes-per-client";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "label skew: label-sorted shards, classes-per-client of them per client (McMahan et al. 2017)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer(CLASSES_PER_CLIENT, 2, 1, 1000,
                "shards per client; on balanced labels the number of classes a client sees"));
    }

    @Override
    public Partitioner create(Params params) {
        return new Shards(params.integer(CLASSES_PER_CLIENT));
    }
}
