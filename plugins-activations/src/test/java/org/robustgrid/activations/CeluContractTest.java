package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class CeluContractTest extends ActivationContractTest {
    CeluContractTest() {
        super(new CeluProvider());
    }
}
