package org.robustgrid.strategies;

import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/** {@code fedmedian}: coordinate-wise median of client states, a Byzantine-robust aggregator. */
public final class FedMedianProvider implements StrategyProvider {

    @Override
    public String id() {
        return "fedmedian";
    }

    @Override
    public String description() {
        return "coordinate-wise median of client states (Yin et al. 2018)";
    }

    @Override
    public Strategy create(Params params) {
        return new FedMedian();
    }
}
