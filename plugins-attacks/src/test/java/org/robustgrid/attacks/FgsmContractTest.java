package org.robustgrid.attacks;

import org.robustgrid.harness.testkit.AttackContractTest;

class FgsmContractTest extends AttackContractTest {
    FgsmContractTest() {
        super(new FgsmProvider());
    }
}
