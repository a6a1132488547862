package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class SoftplusContractTest extends ActivationContractTest {
    SoftplusContractTest() {
        super(new SoftplusProvider());
    }
}
