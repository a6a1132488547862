package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.testkit.Plugins;

class ProvidersTest {


    @Test
    void serviceFileRegistersEveryAttack() {
        Set<String> ids = Set.copyOf(Plugins.ids(PluginKind.ATTACK));
        assertEquals(Set.of("fgsm", "pgd", "cw", "deepfool", "apgd-ce", "square", "mi-fgsm", "apgd-dlr", "apgd-t", "fab", "fab-t", "autoattack"), ids);
    }

    @Test
    void defaultsAreTheStudys() {
        Attack pgd = Plugins.attack("pgd");
        assertEquals(new Pgd(Budget.Norm.LINF, 8.0 / 255, 2.0 / 255, 10, true, 1), pgd);
        assertEquals(new Fgsm(8.0 / 255), Plugins.attack("fgsm"));
        assertEquals(new CarliniWagnerL2(1, 1, 100, 0.01, 0, true, new Budget(Budget.Norm.L2, 0.5)), Plugins.attack("cw"));
        assertEquals(new DeepFool(50, 0.02, new Budget(Budget.Norm.LINF, 8.0 / 255)), Plugins.attack("deepfool"));
        assertEquals(Apgd.ce(8.0 / 255, 100), Plugins.attack("apgd-ce"));
        assertEquals(new SquareAttack(8.0 / 255, 1000, 0.8), Plugins.attack("square"));
        assertEquals(new MiFgsm(8.0 / 255, 10, 0, 1.0), Plugins.attack("mi-fgsm"));
        // AutoAttack's: autopgd_base.py, fab_base.py, and the standard version's 9 targets
        LinfAt linf = new LinfAt(8.0 / 255);
        assertEquals(new Apgd(Budget.Norm.LINF, linf.eps(), 100, 1, 0.75, 0.75, Apgd.Loss.DLR, 0, 1), Plugins.attack("apgd-dlr"));
        assertEquals(new Apgd(Budget.Norm.LINF, linf.eps(), 100, 1, 0.75, 0.75, Apgd.Loss.TARGETED_DLR, 9, 1), Plugins.attack("apgd-t"));
        assertEquals(new Fab(100, 1, 0, 0.1, 1.05, 0.9, linf.budget(), false), Plugins.attack("fab"));
        assertEquals(new Fab(100, 1, 9, 0.1, 1.05, 0.9, linf.budget(), false), Plugins.attack("fab-t"));
        assertTrue(Plugins.attack("fab-t").budget().isEmpty());
        assertTrue(Plugins.attack("cw").budget().isEmpty());
        assertTrue(Plugins.attack("deepfool").budget().isEmpty());
        // minimum-norm attacks are reported at RobustBench's budgets; bounded ones at the budget they project into
        assertEquals(new Budget(Budget.Norm.L2, 0.5), Plugins.attack("cw").evaluationBudget().orElseThrow());
        assertEquals(new Budget(Budget.Norm.LINF, 8.0 / 255), Plugins.attack("deepfool").evaluationBudget().orElseThrow());
        assertEquals(Plugins.attack("pgd").budget(), Plugins.attack("pgd").evaluationBudget());
        assertFalse(Plugins.attack("square").usesGradients());
    }

    @Test
    void specsWithFractionsAndKebabKeys() {
        Attack a = Plugins.attack("pgd(norm=l2,eps=0.5,alpha=1/10,steps=20,random-start=false,restarts=3)");
        assertEquals(new Pgd(Budget.Norm.L2, 0.5, 0.1, 20, false, 3), a);
        assertEquals(new Budget(Budget.Norm.L2, 0.5), a.budget().orElseThrow());
    }

    @Test
    void minimumNormBudgetsComeFromTheirSpec() {
        assertEquals(new Budget(Budget.Norm.LINF, 4.0 / 255),
                Plugins.attack("cw(eps=4/255,norm=linf)").evaluationBudget().orElseThrow());
        assertEquals(new Budget(Budget.Norm.L2, 0.25),
                Plugins.attack("deepfool(norm=l2,eps=1/4)").evaluationBudget().orElseThrow());
        assertEquals("deepfool(eps=0.03137254901960784,norm=linf,overshoot=0.02,steps=50)",
                Plugins.canonical(new DeepFoolProvider(), "deepfool"));
        SpecException e = assertThrows(SpecException.class, () -> Plugins.attack("deepfool(eps=1.5)"));
        assertTrue(e.getMessage().contains("'eps'") && e.getMessage().contains("deepfool"), e.getMessage());
        assertThrows(SpecException.class, () -> Plugins.attack("cw(norm=l1)"));
    }

    @Test
    void anLinfRadiusAboveOnePixelIsRejectedNamingEps() {
        SpecException e = assertThrows(SpecException.class, () -> Plugins.attack("pgd(eps=2)"));
        assertTrue(e.getMessage().contains("'eps'") && e.getMessage().contains("linf"), e.getMessage());
        Plugins.attack("pgd(norm=l2,eps=2)");
    }

    @Test
    void miFgsmStepDefaultsToEpsOverSteps() {
        assertEquals(0.1 / 4, new MiFgsm(0.1, 4, 0, 1).step(), 1e-15);
        assertEquals(0.01, new MiFgsm(0.1, 4, 0.01, 1).step(), 1e-15);
    }

    @Test
    void apgdCheckpointsFollowThePapersSchedule() {
        // p₀ = 0, p₁ = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06); checkpoints at p_j·N_iter.
        double previous = 0;
        double p = 0.22;
        List<Integer> expected = new java.util.ArrayList<>();
        while (p <= 1) {
            expected.add((int) Math.round(p * 100));
            double next = p + Math.max(p - previous - 0.03, 0.06);
            previous = p;
            p = next;
        }
        assertEquals(List.of(22, 41, 57, 70, 80, 87, 93, 99), expected);
        assertEquals(expected, Apgd.checkpoints(100));
        assertEquals(List.of(1, 2, 3, 4), Apgd.checkpoints(4));
    }

    @Test
    void squareWindowShrinksOnTheAuthorsSchedule() {
        SquareAttack square = new SquareAttack(0.1, 10_000, 0.8);
        // The authors' p_selection for 10 000 iterations: halved after 10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000.
        int[] at = {0, 10, 11, 50, 51, 200, 201, 500, 501, 1000, 1001, 2000, 2001, 4000, 4001, 6000, 6001, 8000, 8001, 9999};
        double[] p = {0.8, 0.8, 0.4, 0.4, 0.2, 0.2, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625,
            0.00625, 0.003125, 0.003125, 0.0015625, 0.0015625};
        for (int i = 0; i < at.length; i++) {
            assertEquals(p[i], square.fraction(at[i]), 1e-12, "iteration " + at[i]);
        }
        // Rescaled to 1000 queries, iteration 2 is the 10 000-schedule's iteration 20.
        assertEquals(0.4, new SquareAttack(0.1, 1000, 0.8).fraction(2), 1e-12);
        // s = round(√(p·H·W)) (half to even), at least 1 and at most H: 32×32 at p = 0.8 gives 29, at 0.0015625 gives 1.
        assertEquals(29, square.windowSide(0, 3, 32, 32));
        assertEquals(1, square.windowSide(9999, 3, 32, 32));
        assertEquals(7, square.windowSide(0, 1, 8, 8));
    }

    private record LinfAt(double eps) {
        Budget budget() {
            return new Budget(Budget.Norm.LINF, eps);
        }
    }
}
