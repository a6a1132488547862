package org.robustgrid.models;

import org.robustgrid.harness.testkit.ModelContractTest;

class ResNet18ContractTest extends ModelContractTest {
    ResNet18ContractTest() {
        super(new ResNet18Provider(), "resnet18(width=4)", 3, 16, ParameterCounts.resnet18(4, 3, 10));
    }
}
