package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class FabTContractTest extends AttackContractTest {
    FabTContractTest() {
        super(new FabTProvider(), Map.of("steps", "10", "targets", "3"));
    }
}
