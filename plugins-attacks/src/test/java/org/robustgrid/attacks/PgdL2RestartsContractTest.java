package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class PgdL2RestartsContractTest extends AttackContractTest {
    PgdL2RestartsContractTest() {
        super(new PgdProvider(), Map.of("norm", "l2", "eps", "0.5", "alpha", "0.1", "restarts", "2"));
    }
}
