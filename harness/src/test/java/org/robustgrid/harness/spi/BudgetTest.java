package org.robustgrid.harness.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void aPerturbationOfExactlyEpsInFloat32IsWithinTheBudgetAndOneGreyLevelMoreIsNot() {
        Budget b = new Budget(Budget.Norm.LINF, 8 / 255.0);
        float measured = (float) (8 / 255.0); // what a float32 projection to ε measures
        assertTrue(measured > b.eps(), "8/255 rounds up in float32");
        assertTrue(b.admits(measured));
        assertFalse(b.admits(8.1 / 255), "a tenth of a grey level beyond ε is outside");
        assertFalse(new Budget(Budget.Norm.L2, 0.5).admits(0.5 + 1e-4));
        assertTrue(new Budget(Budget.Norm.L2, 0.5).admits(0.5 * (1 + 3.3e-6)), "an L2 projection's float32 rounding");
    }
}
