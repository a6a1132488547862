package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class ApgdTContractTest extends AttackContractTest {
    ApgdTContractTest() {
        super(new ApgdTProvider(), Map.of("steps", "10", "targets", "3"));
    }
}
