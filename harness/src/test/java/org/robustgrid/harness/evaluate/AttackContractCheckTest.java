package org.robustgrid.harness.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Budget;

/** Each check of {@link AttackContract} on hand-made batches of two 1×2×2 images. */
class AttackContractCheckTest {

    private static final Shape SHAPE = new Shape(2, 1, 2, 2);
    private static final float[] X = {0.1f, 0.5f, 0.9f, 0.3f, 0f, 1f, 0.5f, 0.25f};
    private static final Optional<Budget> LINF = Optional.of(new Budget(Budget.Norm.LINF, 0.1));
    private static final Optional<Budget> L2 = Optional.of(new Budget(Budget.Norm.L2, 0.5));

    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private NDArray x() {
        return m.create(X, SHAPE);
    }

    private NDArray shifted(int index, float by) {
        float[] a = X.clone();
        a[index] += by;
        return m.create(a, SHAPE);
    }

    @Test
    void aCorrectBatchPasses() {
        // image 0: every pixel moved by 0.1 within [0,1]; image 1 unchanged: exactly at the L∞ budget
        float[] a = X.clone();
        for (int i = 0; i < 4; i++) {
            a[i] = Math.min(1, a[i] + 0.1f);
        }
        assertEquals(Optional.empty(), AttackContract.check(x(), m.create(a, SHAPE), LINF));
        assertEquals(Optional.empty(), AttackContract.check(x(), x(), L2));
        assertEquals(Optional.empty(), AttackContract.check(x(), x(), Optional.empty()));
    }

    @Test
    void anotherShapeIsReported() {
        AttackContract.Violation v = AttackContract.check(x(), m.create(X, new Shape(2, 4)), LINF).orElseThrow();
        assertEquals(AttackContract.Check.SHAPE, v.check());
        assertEquals(-1, v.image());
        assertTrue(v.detail().contains("(2, 4)") && v.detail().contains("(2, 1, 2, 2)"), v.detail());
    }

    @Test
    void nonFinitePixelsAreCountedEvenForAMinimumNormAttack() {
        float[] a = X.clone();
        a[5] = Float.NaN;
        a[6] = Float.POSITIVE_INFINITY;
        AttackContract.Violation v = AttackContract.check(x(), m.create(a, SHAPE), Optional.empty()).orElseThrow();
        assertEquals(AttackContract.Check.FINITE, v.check());
        assertEquals(1, v.image());
        assertEquals(2, v.largest(), 0.0);
    }

    @Test
    void aPixelOutsideTheBoxIsReportedWithTheWorstValue() {
        float[] a = X.clone();
        a[2] = 1.05f;
        a[4] = -0.2f;
        AttackContract.Violation v = AttackContract.check(x(), m.create(a, SHAPE), Optional.empty()).orElseThrow();
        assertEquals(AttackContract.Check.BOX, v.check());
        assertEquals(0, v.image(), "the first image outside");
        assertEquals(-0.2, v.largest(), 1e-7, "the value furthest outside");
        // one ulp above 1 is outside: clipping is exact, so the box has no tolerance
        AttackContract.Violation ulp = AttackContract.check(x(), shifted(5, Math.ulp(1f)), Optional.empty()).orElseThrow();
        assertEquals(AttackContract.Check.BOX, ulp.check());
    }

    @Test
    void anLinfBudgetHoldsToItsToleranceAndNoFurther() {
        // 0.1 + 5e-7 is inside the slack 1e-5·0.1 + 1e-6; 0.1 + 1e-5 is not
        assertEquals(Optional.empty(), AttackContract.check(x(), shiftedExact(1, 0.1 + 5e-7), LINF));
        AttackContract.Violation v = AttackContract.check(x(), shiftedExact(6, 0.1 + 1e-5), LINF).orElseThrow();
        assertEquals(AttackContract.Check.BUDGET, v.check());
        assertEquals(1, v.image());
        assertEquals(0.1 + 1e-5, v.largest(), 1e-7);
        assertEquals(LINF, v.budget());
        assertTrue(v.detail().contains("linf") && v.detail().contains("eps=0.1"), v.detail());
    }

    @Test
    void anL2BudgetIsMeasuredPerImage() {
        // image 0: four pixels moved by 0.2 each: L2 0.4 within 0.5 though 0.8 in L1; image 1: one pixel by 0.45
        // and another by 0.3: L2 0.541 > 0.5, L∞ 0.45
        float[] a = X.clone();
        for (int i = 0; i < 4; i++) {
            a[i] = X[i] + (X[i] > 0.5f ? -0.2f : 0.2f);
        }
        assertEquals(Optional.empty(), AttackContract.check(x(), m.create(a, SHAPE), L2));
        a[6] = X[6] + 0.45f;
        a[7] = X[7] + 0.3f;
        AttackContract.Violation v = AttackContract.check(x(), m.create(a, SHAPE), L2).orElseThrow();
        assertEquals(AttackContract.Check.BUDGET, v.check());
        assertEquals(1, v.image());
        assertEquals(Math.hypot(0.45, 0.3), v.largest(), 1e-6);
        // the same batch keeps an L∞ budget of 0.45 and has no budget to keep as a minimum-norm attack
        assertEquals(Optional.empty(), AttackContract.check(x(), m.create(a, SHAPE), Optional.of(new Budget(Budget.Norm.LINF, 0.45))));
        assertEquals(Optional.empty(), AttackContract.check(x(), m.create(a, SHAPE), Optional.empty()));
    }

    @Test
    void checkingLeavesNoArraysBehind() {
        NDArray x = x();
        NDArray adv = shifted(0, 0.5f);
        int before = m.getManagedArrays().size();
        AttackContract.check(x, adv, LINF);
        AttackContract.check(x, adv, L2);
        assertEquals(before, m.getManagedArrays().size());
    }

    /** X with one pixel moved by {@code by}, the move computed in double then rounded once. */
    private NDArray shiftedExact(int index, double by) {
        float[] a = X.clone();
        a[index] = (float) (X[index] + by);
        return m.create(a, SHAPE);
    }
}
