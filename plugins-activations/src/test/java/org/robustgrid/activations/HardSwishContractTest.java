package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class HardSwishContractTest extends ActivationContractTest {
    HardSwishContractTest() {
        super(new HardSwishProvider());
    }
}
