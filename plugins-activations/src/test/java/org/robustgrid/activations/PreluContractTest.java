package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class PreluContractTest extends ActivationContractTest {
    PreluContractTest() {
        super(new PreluProvider());
    }
}
