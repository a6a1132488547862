package org.robustgrid.strategies;

import org.robustgrid.harness.testkit.StrategyContractTest;

class FedProxContractTest extends StrategyContractTest {
    FedProxContractTest() {
        super(new FedProxProvider());
    }
}
