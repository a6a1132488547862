package org.robustgrid.strategies;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/** {@code fedprox(mu=0.01)}: FedProx, the recipe's loss plus μ/2·||w − w_global||², FedAvg aggregation. */
public final class FedProxProvider implements StrategyProvider {

    static final String MU = "mu";

    @Override
    public String id() {
        return "fedprox";
    }

    @Override
    public String description() {
        return "FedProx: proximal term mu/2 ||w - w_global||^2 in the local loss, FedAvg aggregation (Li et al. 2020)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(MU, 0.01, 0, 1000, "weight of the proximal term"));
    }

    @Override
    public Strategy create(Params params) {
        return new FedProx(params.real(MU));
    }
}
