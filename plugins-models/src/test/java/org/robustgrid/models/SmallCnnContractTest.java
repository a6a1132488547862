package org.robustgrid.models;

import org.robustgrid.harness.testkit.ModelContractTest;

class SmallCnnContractTest extends ModelContractTest {
    SmallCnnContractTest() {
        super(new SmallCnnProvider(), "small-cnn(width=8)", 3, 16, ParameterCounts.smallCnn(8, 3, 16, 10));
    }
}
