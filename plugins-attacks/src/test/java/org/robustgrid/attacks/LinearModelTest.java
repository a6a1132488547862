package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Seeding;
import org.robustgrid.harness.testkit.AttackTestModels;

/**
 * Attacks on a linear softmax classifier {@code z = W·x + b}, against closed forms computed here in
 * double: FGSM's step, and the exact L2 distance to the nearest decision boundary, which DeepFool
 * must reach in one step and C&amp;W must approach from above.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinearModelTest {

    /** Reporting budgets; they do not change a minimum-norm attack's perturbation. */
    private static final Budget REPORTED_L2 = new Budget(Budget.Norm.L2, 0.5);
    private static final Budget REPORTED_LINF = new Budget(Budget.Norm.LINF, 8.0 / 255);

    private static final int N = 16;
    private static final int CLASSES = 10;
    private static final Shape SHAPE = new Shape(N, 1, 8, 8);
    private static final int PIXELS = 64;

    private NDManager manager;
    private AttackTestModels.LinearModel model;

    @BeforeAll
    void build() {
        manager = NDManager.newBaseManager();
        model = AttackTestModels.linear(manager, SHAPE, CLASSES, 0.2, 42);
    }

    @AfterAll
    void close() {
        manager.close();
    }

    /** Images with pixels in [lo, hi], from a Java generator. */
    private static float[] images(long seed, double lo, double hi) {
        Random random = new Random(seed);
        float[] x = new float[N * PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return x;
    }

    private static float[] image(float[] batch, int n) {
        return Arrays.copyOfRange(batch, n * PIXELS, (n + 1) * PIXELS);
    }

    /** The linear model's top class per image, computed here. */
    private int[] predicted(float[] x) {
        int[] y = new int[N];
        for (int n = 0; n < N; n++) {
            double[] z = model.logits(image(x, n));
            for (int k = 1; k < CLASSES; k++) {
                if (z[k] > z[y[n]]) {
                    y[n] = k;
                }
            }
        }
        return y;
    }

    /** ∇x CE(Wx + b, y) = Wᵀ(softmax(z) − onehot(y)), in double. */
    private double[] crossEntropyGradient(float[] image, int y) {
        double[] z = model.logits(image);
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = 0;
        double[] p = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        double[] g = new double[PIXELS];
        for (int k = 0; k < CLASSES; k++) {
            double coefficient = p[k] / sum - (k == y ? 1 : 0);
            for (int i = 0; i < PIXELS; i++) {
                g[i] += model.w()[k][i] * coefficient;
            }
        }
        return g;
    }

    private static double l2(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = n * PIXELS; i < (n + 1) * PIXELS; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Test
    void fgsmIsTheSignedGradientStepClippedToTheBox() {
        float[] x = images(1, 0, 1);
        int[] y = new Random(2).ints(N, 0, CLASSES).toArray();
        double eps = 0.1;
        float[] adv;
        float[] mi;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(x, SHAPE);
            NDArray ys = m.create(y);
            adv = new Fgsm(eps).perturb(model.classifier(), xs, ys).toFloatArray();
            // One MI-FGSM step of size ε is FGSM: g₁ = ∇/‖∇‖₁ has the gradient's signs.
            mi = new MiFgsm(eps, 1, 0, 1.0).perturb(model.classifier(), xs, ys).toFloatArray();
        }
        int compared = 0;
        for (int n = 0; n < N; n++) {
            double[] g = crossEntropyGradient(image(x, n), y[n]);
            double scale = Arrays.stream(g).map(Math::abs).max().orElseThrow();
            for (int i = 0; i < PIXELS; i++) {
                if (Math.abs(g[i]) < 1e-4 * scale) {
                    continue; // the sign of a gradient this small is float noise
                }
                int at = n * PIXELS + i;
                double expected = Math.min(1, Math.max(0, x[at] + eps * Math.signum(g[i])));
                assertEquals(expected, adv[at], 1e-6, "FGSM image " + n + " pixel " + i);
                assertEquals(expected, mi[at], 1e-6, "MI-FGSM image " + n + " pixel " + i);
                compared++;
            }
        }
        assertTrue(compared > N * PIXELS * 9 / 10, "compared only " + compared + " pixels");
    }

    @Test
    void deepFoolStepsToTheNearestBoundaryTimesTheOvershoot() {
        float[] x = images(3, 0.4, 0.6);
        int[] y = predicted(x);
        double overshoot = 0.02;
        float[] adv;
        int[] after;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = new DeepFool(50, overshoot, REPORTED_LINF).perturb(model.classifier(), m.create(x, SHAPE), m.create(y));
            adv = a.toFloatArray();
            after = AttackTestModels.predictions(model.classifier(), a).toIntArray();
        }
        for (float v : adv) {
            assertTrue(v > 0 && v < 1, "the box must not bind in this test, got pixel " + v);
        }
        for (int n = 0; n < N; n++) {
            double distance = model.boundaryDistance(image(x, n), y[n]);
            assertTrue(distance > 0, "image " + n + " starts correctly classified");
            // One step reaches the boundary exactly (plus the authors' 10⁻⁴ nudge), then ×(1 + η).
            double expected = (1 + overshoot) * distance;
            assertEquals(expected, l2(adv, x, n), (1 + overshoot) * 1e-4 + 1e-5, "image " + n);
            assertTrue(after[n] != y[n], "image " + n + " must be misclassified");
        }
    }

    @Test
    void carliniWagnerFindsNearlyMinimalPerturbations() {
        float[] x = images(4, 0.4, 0.6);
        int[] y = predicted(x);
        float[] adv;
        try (NDManager m = NDManager.newBaseManager()) {
            adv = new CarliniWagnerL2(1, 1, 100, 0.01, 0, true, REPORTED_L2)
                    .perturb(model.classifier(), m.create(x, SHAPE), m.create(y)).toFloatArray();
        }
        int[] after = predicted(adv);
        double[] ratios = new double[N];
        int successes = 0;
        for (int n = 0; n < N; n++) {
            double distance = model.boundaryDistance(image(x, n), y[n]);
            if (after[n] == y[n]) {
                assertArrayEquals(image(x, n), image(adv, n), "a failed image is returned unchanged");
                continue;
            }
            // No misclassified point is closer than the nearest boundary.
            assertTrue(l2(adv, x, n) >= distance * (1 - 1e-3), "image " + n + " beat the exact minimum");
            ratios[successes++] = l2(adv, x, n) / distance;
        }
        assertTrue(successes >= N * 3 / 4, "C&W succeeded on " + successes + " of " + N);
        double[] found = Arrays.copyOf(ratios, successes);
        Arrays.sort(found);
        double median = found[successes / 2];
        assertTrue(median >= 0.9 && median <= 2, "median ‖δ‖/d_min = " + median);
    }

    @Test
    void carliniWagnerBinarySearchRaisesATooSmallConstant() {
        float[] x = images(5, 0.4, 0.6);
        int[] y = predicted(x);
        int fixed;
        int searched;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(x, SHAPE);
            NDArray ys = m.create(y);
            // With c = 0.001 the pull back to x outweighs the margin term long before the boundary.
            fixed = fooled(y, new CarliniWagnerL2(0.001, 1, 50, 0.01, 0, true, REPORTED_L2).perturb(model.classifier(), xs, ys));
            searched = fooled(y, new CarliniWagnerL2(0.001, 5, 50, 0.01, 0, true, REPORTED_L2).perturb(model.classifier(), xs, ys));
        }
        assertEquals(0, fixed, "c = 0.001 should fool nothing");
        assertTrue(searched >= N * 3 / 4, "binary search fooled " + searched + " of " + N);
    }

    private int fooled(int[] y, NDArray adv) {
        int[] after = predicted(adv.toFloatArray());
        int count = 0;
        for (int n = 0; n < N; n++) {
            count += after[n] != y[n] ? 1 : 0;
        }
        return count;
    }

    @Test
    void zeroEpsKeepsRobustAccuracyAtNaturalAccuracy() {
        float[] x = images(6, 0, 1);
        int[] y = new Random(7).ints(N, 0, CLASSES).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(x, SHAPE);
            NDArray ys = m.create(y);
            double natural = AttackTestModels.accuracy(model.classifier(), xs, ys);
            for (Attack attack : List.of(new Fgsm(0), new Pgd(Budget.Norm.LINF, 0, 0.01, 5, true, 2),
                    new MiFgsm(0, 5, 0, 1), Apgd.ce(0, 10), new SquareAttack(0, 20, 0.8))) {
                Seeding.seed(8);
                NDArray adv = attack.perturb(model.classifier(), xs, ys);
                assertArrayEquals(x, adv.toFloatArray(), attack.toString());
                assertEquals(natural, AttackTestModels.accuracy(model.classifier(), adv, ys), attack.toString());
            }
        }
    }
}
