package org.robustgrid.strategies;

import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/** {@code centralized}: ordinary training on the whole training set, the non-federated baseline. */
public final class CentralizedProvider implements StrategyProvider {

    @Override
    public String id() {
        return "centralized";
    }

    @Override
    public String description() {
        return "centralized training: one client with the whole training set, no rounds";
    }

    @Override
    public Strategy create(Params params) {
        return new Centralized();
    }
}
