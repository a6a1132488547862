package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class SquareContractTest extends AttackContractTest {
    SquareContractTest() {
        super(new SquareProvider(), Map.of("queries", "100"));
    }
}
