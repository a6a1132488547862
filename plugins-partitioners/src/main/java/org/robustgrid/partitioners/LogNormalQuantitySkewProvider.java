package org.robustgrid.partitioners;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;

/**
 * {@code quantity-skew-lognormal(sigma=1)}: clients of log-normal sizes ({@code exp(σ·Z)} weights),
 * labels IID; {@code sigma=0} gives equal sizes. Not NIID-Bench's rule, which is {@code quantity-skew}.
 */
public final class LogNormalQuantitySkewProvider implements PartitionerProvider {

    static final String ID = "quantity-skew-lognormal";
    static final String SIGMA = "sigma";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "quantity skew: log-normal client sizes, IID labels";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(SIGMA, 1.0, 0, 10, "standard deviation of log client size; 0 is equal sizes"));
    }

    @Override
    public Partitioner create(Params params) {
        return new LogNormalQuantitySkew(params.real(SIGMA));
    }
}
