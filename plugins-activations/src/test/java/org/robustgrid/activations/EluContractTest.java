package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class EluContractTest extends ActivationContractTest {
    EluContractTest() {
        super(new EluProvider());
    }
}
