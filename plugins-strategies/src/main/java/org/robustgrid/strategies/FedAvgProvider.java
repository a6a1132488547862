package org.robustgrid.strategies;

import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/** {@code fedavg}: FedAvg, the recipe's local loss and example-weighted averaging of client states. */
public final class FedAvgProvider implements StrategyProvider {

    @Override
    public String id() {
        return "fedavg";
    }

    @Override
    public String description() {
        return "FedAvg: client states averaged weighted by their examples (McMahan et al. 2017)";
    }

    @Override
    public Strategy create(Params params) {
        return new FedAvg();
    }
}
