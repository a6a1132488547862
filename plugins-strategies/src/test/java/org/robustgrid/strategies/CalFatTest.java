package org.robustgrid.strategies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Seeding;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.testkit.StrategyContractTest.LinearClassifier;

class CalFatTest {

    private static final long[] COUNTS = {3, 1, 0};

    private static Strategy calFat(Map<String, String> values) {
        CalFatProvider p = new CalFatProvider();
        return p.create(Params.resolve(p.id(), p.parameters(), values));
    }

    private static ClientContext client(long[] counts) {
        return new ClientContext(0, 2, 0, counts, List.of());
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    @Test
    void calibrationAddsTauTimesLogCountWithAnAbsentClassCountedAsOne() {
        // counts 3, 1, 0: offsets τ·log 3, τ·log 1 = 0, and 0 again for the absent class (counted as 1)
        float[] offsets = Calibration.offsets(COUNTS, 2);
        assertEquals(2 * Math.log(3), offsets[0], 1e-5);
        assertEquals(0, offsets[1], 1e-5);
        assertEquals(0, offsets[2], 1e-5);
        assertArrayEquals(new float[] {0, 0, 0}, Calibration.offsets(new long[] {5, 5, 5}, 0), 1e-9f);
    }

    @Test
    void localLossIsScaledCalibratedCrossEntropyOfTheAdversarialLogitsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] zAdv = {1.5, 0, -1};
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                // s = 10, τ = 0.1, absent class counted as 1
                c[k] = 10 * (zAdv[k] + 0.1 * Math.log(Math.max(1, COUNTS[k])));
            }
            double ce = -Math.log(softmax(c)[1]);
            NDArray y = m.create(new int[] {1});
            NDArray adversarial = m.create(new float[] {1.5f, 0, -1}, new Shape(1, 3));
            FakeBatch batch = new FakeBatch(m.create(new float[] {0.5f, -1, 2}, new Shape(1, 3)), adversarial, y, m.create(99f), List.of());
            NDArray loss = calFat(Map.of()).localLoss(batch, client(COUNTS));
            assertEquals(DataType.FLOAT32, loss.getDataType(), "a double scale must not promote the loss");
            assertEquals(ce, loss.getFloat(), 1e-4);
            FakeBatch otherClean = new FakeBatch(m.create(new float[] {9f, 9f, -9f}, new Shape(1, 3)), adversarial, y, m.create(99f), List.of());
            assertEquals(ce, calFat(Map.of()).localLoss(otherClean, client(COUNTS)).getFloat(), 1e-4, "the clean images entered the loss");
            double unscaled = -Math.log(softmax(new double[] {1.5 + 0.1 * Math.log(3), 0, -1})[1]);
            assertEquals(unscaled, calFat(Map.of("scale", "1")).localLoss(batch, client(COUNTS)).getFloat(), 1e-4);
        }
    }

    @Test
    void aBatchWithoutAdversarialExamplesIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            FakeBatch batch = new FakeBatch(m.zeros(new Shape(1, 3)), null, m.create(new int[] {0}), m.create(99f), List.of());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> calFat(Map.of()).localLoss(batch, client(COUNTS)));
            assertTrue(e.getMessage().contains("adversarial"), e.getMessage());
        }
    }

    @Test
    void weightDecayIsTheCodesCifarValueAndSettable() {
        assertEquals(2e-3, calFat(Map.of()).weightDecay().orElseThrow());
        assertEquals(2e-4, calFat(Map.of("weight-decay", "2e-4")).weightDecay().orElseThrow());
    }

    @Test
    void aggregationIsTheEqualWeightMeanWhateverTheClientSizes() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<ClientUpdate> updates = List.of(
                    new ClientUpdate(List.of(m.create(new float[] {0f, 4f})), 1, new long[] {1}),
                    new ClientUpdate(List.of(m.create(new float[] {2f, 8f})), 1000, new long[] {1000}));
            assertArrayEquals(new float[] {1f, 6f}, calFat(Map.of()).aggregate(updates).get(0).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void attackStaysInBudgetAndBoxAndRaisesTheCalibratedKl() {
        Attack attack = calFat(Map.of()).trainingAttack(client(COUNTS)).orElseThrow();
        assertEquals(new Budget(Budget.Norm.LINF, 8.0 / 255), attack.budget().orElseThrow());
        try (NDManager m = NDManager.newBaseManager()) {
            Seeding.seed(3);
            Classifier model = new LinearClassifier(m, 3 * 4 * 4, 3, 21);
            // pixels at the box edges, so that the box clips as well as the ball
            NDArray x = m.randomUniform(0, 1, new Shape(8, 3, 4, 4)).mul(1.2f).sub(0.1f).clip(0, 1);
            NDArray adv = attack.perturb(model, x, m.create(new int[8]));
            assertEquals(x.getDataType(), adv.getDataType());
            float[] a = adv.toFloatArray();
            float[] x0 = x.toFloatArray();
            for (int k = 0; k < a.length; k++) {
                assertTrue(a[k] >= 0 && a[k] <= 1, "pixel " + k + " is " + a[k]);
                assertTrue(Math.abs(a[k] - x0[k]) <= 8.0 / 255 + 1e-6, "pixel " + k + " moved " + Math.abs(a[k] - x0[k]));
            }
            // the attack beats random corners of the same ball on its own objective
            NDArray offset = Calibration.offsets(m, COUNTS, 0.1);
            NDArray target = model.logits(x).add(offset);
            double attacked = Losses.kl(target, model.logits(adv).add(offset)).getFloat();
            Random r = new Random(4);
            for (int trial = 0; trial < 5; trial++) {
                float[] corner = new float[x0.length];
                for (int k = 0; k < corner.length; k++) {
                    corner[k] = Math.min(1, Math.max(0, x0[k] + (r.nextBoolean() ? 1 : -1) * 8f / 255));
                }
                double random = Losses.kl(target, model.logits(m.create(corner, x.getShape())).add(offset)).getFloat();
                assertTrue(attacked > random, "attack KL " + attacked + " <= random corner KL " + random);
            }
        }
    }

    @Test
    void attackIsReproducibleForAnEngineSeed() {
        Attack attack = calFat(Map.of("steps", "3")).trainingAttack(client(COUNTS)).orElseThrow();
        try (NDManager m = NDManager.newBaseManager()) {
            Classifier model = new LinearClassifier(m, 12, 3, 2);
            NDArray x = m.create(new float[] {0.1f, 0.5f, 0.9f, 0.3f, 0.2f, 0.7f, 0.4f, 0.6f, 0.0f, 1.0f, 0.8f, 0.35f}, new Shape(1, 3, 2, 2));
            Seeding.seed(8);
            float[] first = attack.perturb(model, x, m.create(new int[] {0})).toFloatArray();
            Seeding.seed(8);
            assertArrayEquals(first, attack.perturb(model, x, m.create(new int[] {0})).toFloatArray());
        }
    }
}
