package org.robustgrid.attacks;

import org.robustgrid.harness.testkit.AttackContractTest;

class MiFgsmContractTest extends AttackContractTest {
    MiFgsmContractTest() {
        super(new MiFgsmProvider());
    }
}
