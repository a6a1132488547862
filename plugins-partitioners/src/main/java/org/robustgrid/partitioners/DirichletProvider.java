package org.robustgrid.partitioners;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;

/**
 * {@code dirichlet(beta=0.5,min-size=10,balance=true)}: label skew where each class is spread over the
 * clients by proportions drawn from Dir(β), a client holding N/clients already skipped, drawn again
 * until every client holds at least {@code min-size} examples: NIID-Bench's {@code noniid-labeldir}
 * (see {@link Dirichlet}). {@code alpha} is accepted for {@code beta}, as Flower's
 * {@code DirichletPartitioner} names it; the canonical spec always says {@code beta}, so both spellings
 * give one key.
 */
public final class DirichletProvider implements PartitionerProvider {

    static final String ID = "dirichlet";
    static final String BETA = "beta";
    static final String MIN_SIZE = "min-size";
    static final String BALANCE = "balance";
    /** Flower's name for β. */
    static final String ALPHA = "alpha";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "label skew: each class spread over clients by Dirichlet(beta) proportions, NIID-Bench's noniid-labeldir";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(BETA, 0.5, 1e-3, 1e6, "Dirichlet concentration; small is skewed, large is near IID").withAlias(ALPHA),
                ParamSpec.integer(MIN_SIZE, 10, 1, 1_000_000,
                        "draw again until every client has this many examples (capped at examples/clients)"),
                ParamSpec.bool(BALANCE, true, "NIID-Bench's balance step: a client holding examples/clients gets no more classes"));
    }

    @Override
    public Partitioner create(Params params) {
        return new Dirichlet(params.real(BETA), params.integer(MIN_SIZE), params.bool(BALANCE));
    }
}
