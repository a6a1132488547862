package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class TeluContractTest extends ActivationContractTest {
    TeluContractTest() {
        super(new TeluProvider());
    }
}
