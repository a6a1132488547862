package org.robustgrid.attacks;

import java.util.Map;
import org.robustgrid.harness.testkit.AttackContractTest;

class SquareL2ContractTest extends AttackContractTest {
    SquareL2ContractTest() {
        super(new SquareProvider(), Map.of("norm", "l2", "eps", "0.5", "queries", "100"));
    }
}
