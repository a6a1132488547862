package org.robustgrid.partitioners;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;

/**
 * {@code quantity-skew(beta=0.5,min-size=10)}: NIID-Bench's {@code iid-diff-quantity}, client sizes from
 * Dir(β) shares, labels IID (see {@link QuantitySkew}). β = 0.5 is NIID-Bench's default {@code --beta}.
 * {@code alpha} is accepted for {@code beta}, as for {@code dirichlet}.
 */
public final class QuantitySkewProvider implements PartitionerProvider {

    static final String ID = "quantity-skew";
    static final String BETA = "beta";
    static final String MIN_SIZE = "min-size";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "quantity skew: client sizes from Dirichlet(beta) shares, IID labels, NIID-Bench's iid-diff-quantity";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(BETA, 0.5, 1e-3, 1e6, "Dirichlet concentration of the client shares; small is skewed")
                        .withAlias(DirichletProvider.ALPHA),
                ParamSpec.integer(MIN_SIZE, 10, 1, 1_000_000,
                        "draw again until every client's share is this many examples (capped at examples/clients)"));
    }

    @Override
    public Partitioner create(Params params) {
        return new QuantitySkew(params.real(BETA), params.integer(MIN_SIZE));
    }
}
