package org.robustgrid.harness.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.results.Stages;
import org.robustgrid.harness.spi.Budget;

class WarningsTest {

    static final Optional<Budget> EPS8 = Optional.of(new Budget(Budget.Norm.LINF, 8 / 255.0));

    static AttackOutcome outcome(double natural, double robust) {
        return new AttackOutcome(natural, robust, Math.round(robust * 200), EPS8, 0.1, 0.5, 0.03, 200, 1.0, null);
    }

    @Test
    void robustAboveNaturalIsFlagged() {
        List<String> w = Warnings.check(new Warnings.Measured("pgd", EPS8, true, 0.80), outcome(0.70, 0.80), List.of());
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("robust accuracy 0.8000 above natural accuracy 0.7000"), w.get(0));
    }

    @Test
    void blackBoxBeatingWhiteBoxAtTheSameBudgetIsFlaggedWhicheverComesFirst() {
        var pgd = new Warnings.Measured("pgd", EPS8, true, 0.60);
        var square = new Warnings.Measured("square", EPS8, false, 0.50);
        assertTrue(Warnings.check(square, outcome(0.8, 0.5), List.of(pgd)).get(0).contains("gradient masking suspected"));
        assertTrue(Warnings.check(pgd, outcome(0.8, 0.6), List.of(square)).get(0).contains("black-box square (0.5000) beats white-box pgd"));
    }

    @Test
    void soundResultsAndOtherBudgetsAreQuiet() {
        var pgd = new Warnings.Measured("pgd", EPS8, true, 0.50);
        var squareStronger = new Warnings.Measured("square", Optional.of(new Budget(Budget.Norm.LINF, 16 / 255.0)), false, 0.30);
        assertEquals(List.of(), Warnings.check(squareStronger, outcome(0.8, 0.3), List.of(pgd)));
        var squareWeaker = new Warnings.Measured("square", EPS8, false, 0.55);
        assertEquals(List.of(), Warnings.check(squareWeaker, outcome(0.8, 0.55), List.of(pgd)));
        var deepfool = new Warnings.Measured("deepfool", Optional.empty(), true, 0.0);
        assertEquals(List.of(), Warnings.check(deepfool, minimumNorm(0.99), List.of(pgd)));
    }

    static AttackOutcome minimumNorm(double successRate) {
        return new AttackOutcome(0.8, 0.3, 60, EPS8, successRate, 0.5, 0.03, 200, 1.0, null);
    }

    @Test
    void aMinimumNormAttackThatFailsOnMoreThanAFewPercentIsFlagged() {
        var cw = new Warnings.Measured("cw", Optional.empty(), true, 0.3);
        List<String> w = Warnings.check(cw, minimumNorm(0.62), List.of());
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("minimum-norm cw broke only 62.0%"), w.get(0));
        assertEquals(List.of(), Warnings.check(cw, minimumNorm(0.96), List.of()));
    }

    @Test
    void aBlackBoxStageBreakingImagesAfterTheWhiteBoxOnesIsFlagged() {
        // 200 images: square (stage 2) broke 2 (1%), apgd-ce 50
        int[] by = new int[200];
        java.util.Arrays.fill(by, -1);
        for (int i = 0; i < 50; i++) {
            by[i] = 0;
        }
        by[60] = 2;
        by[61] = 2;
        Stages stages = new Stages(List.of("apgd-ce", "apgd-t", "square"), new boolean[] {true, true, false}, new double[] {1, 2, 3}, by);
        AttackOutcome o = new AttackOutcome(0.8, 0.5, 100, EPS8, 0.5, 0.5, 0.03, 200, 6.0, null, stages);
        var aa = new Warnings.Measured("autoattack", EPS8, true, 0.5);
        List<String> w = Warnings.check(aa, o, List.of());
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("black-box stage square broke 1.00% of the images"), w.get(0));
        by[61] = -1;
        by[60] = -1;
        assertEquals(List.of(), Warnings.check(aa, new AttackOutcome(0.8, 0.5, 100, EPS8, 0.5, 0.5, 0.03, 200, 6.0, null, stages),
                List.of()));
    }
}
