package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class CwContractTest extends AttackContractTest {
    CwContractTest() {
        super(new CwProvider(), Map.of("binary-search-steps", "3", "steps", "30"));
    }
}
