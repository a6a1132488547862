package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class LeakyReluContractTest extends ActivationContractTest {
    LeakyReluContractTest() {
        super(new LeakyReluProvider());
    }
}
