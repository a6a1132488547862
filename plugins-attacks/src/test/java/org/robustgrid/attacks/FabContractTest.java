package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class FabContractTest extends AttackContractTest {
    FabContractTest() {
        super(new FabProvider(), Map.of("steps", "5", "restarts", "2"));
    }
}
