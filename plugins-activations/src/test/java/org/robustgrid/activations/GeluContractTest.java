package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class GeluContractTest extends ActivationContractTest {
    GeluContractTest() {
        super(new GeluProvider());
    }
}
