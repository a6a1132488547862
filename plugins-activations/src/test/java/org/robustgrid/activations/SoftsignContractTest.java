package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class SoftsignContractTest extends ActivationContractTest {
    SoftsignContractTest() {
        super(new SoftsignProvider());
    }
}
