package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class RreluContractTest extends ActivationContractTest {
    RreluContractTest() {
        super(new RreluProvider());
    }
}
