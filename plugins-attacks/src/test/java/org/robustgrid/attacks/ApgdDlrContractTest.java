package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class ApgdDlrContractTest extends AttackContractTest {
    ApgdDlrContractTest() {
        super(new ApgdDlrProvider(), Map.of("steps", "20"));
    }
}
