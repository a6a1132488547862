package org.robustgrid.strategies;

import org.robustgrid.harness.testkit.StrategyContractTest;

class CentralizedContractTest extends StrategyContractTest {
    CentralizedContractTest() {
        super(new CentralizedProvider());
    }
}
