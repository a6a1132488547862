package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class MishContractTest extends ActivationContractTest {
    MishContractTest() {
        super(new MishProvider());
    }
}
