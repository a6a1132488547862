package org.robustgrid.strategies;

import org.robustgrid.harness.testkit.StrategyContractTest;

class FedAvgContractTest extends StrategyContractTest {
    FedAvgContractTest() {
        super(new FedAvgProvider());
    }
}
