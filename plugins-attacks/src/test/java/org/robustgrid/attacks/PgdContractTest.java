package org.robustgrid.attacks;

import org.robustgrid.harness.testkit.AttackContractTest;

class PgdContractTest extends AttackContractTest {
    PgdContractTest() {
        super(new PgdProvider());
    }
}
