package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class SigmoidContractTest extends ActivationContractTest {
    SigmoidContractTest() {
        super(new SigmoidProvider());
    }
}
