package org.robustgrid.strategies;

import org.robustgrid.harness.testkit.StrategyContractTest;

class TrimmedMeanContractTest extends StrategyContractTest {
    TrimmedMeanContractTest() {
        super(new TrimmedMeanProvider());
    }
}
