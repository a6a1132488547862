package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class ApgdCeContractTest extends AttackContractTest {
    ApgdCeContractTest() {
        super(new ApgdCeProvider(), Map.of("steps", "30"));
    }
}
