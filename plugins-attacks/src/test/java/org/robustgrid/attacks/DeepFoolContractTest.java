package org.robustgrid.attacks;

import org.robustgrid.harness.testkit.AttackContractTest;

class DeepFoolContractTest extends AttackContractTest {
    DeepFoolContractTest() {
        super(new DeepFoolProvider());
    }
}
