package org.robustgrid.harness.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
        assertEquals(List.of(), Warnings.check(deepfool, outcome(0.8, 0.0), List.of(pgd)));
    }
}
