package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class ReluContractTest extends ActivationContractTest {
    ReluContractTest() {
        super(new ReluProvider());
    }
}
