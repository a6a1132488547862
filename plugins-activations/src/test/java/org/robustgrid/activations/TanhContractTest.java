package org.robustgrid.activations;

import org.robustgrid.harness.testkit.ActivationContractTest;

class TanhContractTest extends ActivationContractTest {
    TanhContractTest() {
        super(new TanhProvider());
    }
}
