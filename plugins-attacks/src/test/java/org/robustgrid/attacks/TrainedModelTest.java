package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Seeding;
import org.robustgrid.harness.testkit.AttackContractTest;
import org.robustgrid.harness.testkit.AttackTestModels;

/**
 * Attacks ranked on a small CNN trained here for a second or two on easy synthetic data: iterative
 * attacks are at least as strong as one step, APGD about as strong as PGD, and the black-box Square
 * attack works from scores alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainedModelTest {

    private static final int CLASSES = 10;
    private static final int N = 100;
    /** At this radius FGSM leaves about half the images correct, so the ranking is visible. */
    private static final double EPS = 0.03;

    private NDManager manager;
    private Classifier model;
    private AttackTestModels.Data test;
    private double natural;

    @BeforeAll
    void train() {
        manager = NDManager.newBaseManager();
        AttackTestModels.Data train = AttackTestModels.synthetic(manager, 512, 1, 8, CLASSES, 0.15, 1, 2);
        test = AttackTestModels.synthetic(manager, N, 1, 8, CLASSES, 0.15, 1, 3);
        model = AttackTestModels.trainedCnn(manager, train, CLASSES, 200, 64, 0.1f, 4).classifier();
        natural = AttackTestModels.accuracy(model, test.x(), test.y());
        assertTrue(natural >= 0.95, "the fixture should learn the task, natural accuracy " + natural);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    private double robust(Attack attack) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = test.x().duplicate();
            x.attach(m);
            Seeding.seed(9);
            NDArray adv = attack.perturb(model, x, test.y());
            attack.budget().ifPresent(b -> AttackContractTest.assertInsideBudget(b, x.toFloatArray(), adv.toFloatArray(), N));
            return AttackTestModels.accuracy(model, adv, test.y());
        }
    }

    @Test
    void pgdIsAtLeastAsStrongAsFgsm() {
        double fgsm = robust(new Fgsm(EPS));
        double pgd = robust(new Pgd(Budget.Norm.LINF, EPS, EPS / 4, 10, true, 1));
        assertTrue(fgsm < natural, "FGSM " + fgsm + " vs natural " + natural);
        assertTrue(pgd <= fgsm, "PGD " + pgd + " vs FGSM " + fgsm);
    }

    @Test
    void pgdInAnL2BallIsAtLeastAsStrongAsOneL2Step() {
        // One full-length normalized-gradient step from x is the L2 analogue of FGSM.
        double eps = 0.3;
        double oneStep = robust(new Pgd(Budget.Norm.L2, eps, eps, 1, false, 1));
        double pgd = robust(new Pgd(Budget.Norm.L2, eps, eps / 4, 10, true, 1));
        assertTrue(oneStep < natural, "one L2 step " + oneStep + " vs natural " + natural);
        assertTrue(pgd <= oneStep, "L2 PGD " + pgd + " vs one step " + oneStep);
    }

    @Test
    void apgdIsAboutAsStrongAsPgd() {
        double pgd = robust(new Pgd(Budget.Norm.LINF, EPS, EPS / 4, 10, true, 1));
        double apgd = robust(Apgd.ce(EPS, 50));
        assertTrue(apgd <= pgd + 0.02, "APGD-CE " + apgd + " vs PGD " + pgd);
    }

    @Test
    void miFgsmIsStrongerThanNoAttack() {
        double mi = robust(new MiFgsm(EPS, 10, 0, 1.0));
        assertTrue(mi < natural, "MI-FGSM " + mi + " vs natural " + natural);
    }

    @Test
    void squareLowersAccuracyFromScoresAlone() {
        double square = robust(new SquareAttack(0.1, 100, 0.8));
        assertTrue(square < natural / 2, "Square " + square + " vs natural " + natural);
    }

    @Test
    void restartsKeepTheFirstAdversarialThatFools() {
        // With the same seed the first restart repeats the single run, so every image it fools is
        // fooled by the first restart and returned as it was.
        Pgd once = new Pgd(Budget.Norm.LINF, EPS, EPS / 4, 5, true, 1);
        Pgd thrice = new Pgd(Budget.Norm.LINF, EPS, EPS / 4, 5, true, 3);
        try (NDManager m = manager.newSubManager()) {
            Seeding.seed(10);
            NDArray a = once.perturb(model, test.x(), test.y());
            Seeding.seed(10);
            NDArray b = thrice.perturb(model, test.x(), test.y());
            int[] y = test.y().toIntArray();
            int[] predA = AttackTestModels.predictions(model, a).toIntArray();
            int[] predB = AttackTestModels.predictions(model, b).toIntArray();
            float[] fa = a.toFloatArray();
            float[] fb = b.toFloatArray();
            int pixels = fa.length / N;
            int fooledA = 0;
            int fooledB = 0;
            for (int n = 0; n < N; n++) {
                if (predA[n] != y[n]) {
                    fooledA++;
                    assertArrayEquals(Arrays.copyOfRange(fa, n * pixels, (n + 1) * pixels),
                            Arrays.copyOfRange(fb, n * pixels, (n + 1) * pixels), "image " + n);
                }
                fooledB += predB[n] != y[n] ? 1 : 0;
            }
            assertTrue(fooledA > 0 && fooledA < N, "the single run should fool some images, fooled " + fooledA);
            assertTrue(fooledB >= fooledA, "restarts fooled " + fooledB + " < " + fooledA);
            a.close();
            b.close();
        }
    }

    @Test
    void theResultDoesNotDependOnTheBatch() {
        // Per-image state lives in masks: attacking a sub-batch gives the same images as the full batch.
        for (Attack attack : new Attack[] {new DeepFool(20, 0.02, new Budget(Budget.Norm.LINF, 8.0 / 255)), new CarliniWagnerL2(1, 2, 30, 0.01, 0, false, new Budget(Budget.Norm.L2, 0.5))}) {
            try (NDManager m = manager.newSubManager()) {
                float[] full = attack.perturb(model, test.x(), test.y()).toFloatArray();
                NDArray xs = test.x().get("0:10");
                NDArray ys = test.y().get("0:10");
                xs.attach(m);
                ys.attach(m);
                float[] part = attack.perturb(model, xs, ys).toFloatArray();
                assertArrayEquals(Arrays.copyOf(full, part.length), part, 1e-5f, attack.toString());
            }
        }
    }

    @Test
    void naturalAccuracyIsWhatZeroEpsLeaves() {
        assertEquals(natural, robust(new Pgd(Budget.Norm.LINF, 0, 0.01, 5, true, 1)));
        assertEquals(natural, robust(Apgd.ce(0, 10)));
    }
}
