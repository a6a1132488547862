package org.robustgrid.strategies;

import org.robustgrid.harness.testkit.StrategyContractTest;

class CalFatContractTest extends StrategyContractTest {
    CalFatContractTest() {
        super(new CalFatProvider());
    }
}
