package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class AutoAttackContractTest extends AttackContractTest {
    AutoAttackContractTest() {
        super(new AutoAttackProvider(), Map.of("steps", "5", "queries", "50"));
    }
}
