package org.robustgrid.models;

import org.robustgrid.harness.testkit.ModelContractTest;

class PreActResNet18ContractTest extends ModelContractTest {
    PreActResNet18ContractTest() {
        super(new PreActResNet18Provider(), "preact-resnet18(width=4)", 3, 16, ParameterCounts.preActResNet18(4, 3, 10));
    }
}
