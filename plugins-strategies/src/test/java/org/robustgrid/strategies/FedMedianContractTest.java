package org.robustgrid.strategies;

import org.robustgrid.harness.testkit.StrategyContractTest;

class FedMedianContractTest extends StrategyContractTest {
    FedMedianContractTest() {
        super(new FedMedianProvider());
    }
}
