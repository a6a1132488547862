package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class SiluContractTest extends ActivationContractTest {
    SiluContractTest() {
        super(new SiluProvider());
    }
}
