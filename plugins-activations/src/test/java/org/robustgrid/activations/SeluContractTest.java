package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class SeluContractTest extends ActivationContractTest {
    SeluContractTest() {
        super(new SeluProvider());
    }
}
