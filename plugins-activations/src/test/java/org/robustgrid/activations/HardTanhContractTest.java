package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class HardTanhContractTest extends ActivationContractTest {
    HardTanhContractTest() {
        super(new HardTanhProvider());
    }
}
