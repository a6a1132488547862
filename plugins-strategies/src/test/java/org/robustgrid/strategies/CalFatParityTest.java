package org.robustgrid.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.testkit.StrategyContractTest.LinearClassifier;

/**
 * CalFAT against PyTorch: the calibrated loss, its gradient with respect to the logits and the
 * calibrated KL attack on the fixed tensors of {@code calfat-golden.txt}, which
 * {@code src/test/python/calfat_golden.py} writes with PyTorch (float32) following the authors' code.
 * Every value must match to {@value #TOLERANCE}.
 */
class CalFatParityTest {

    static final double TOLERANCE = 1e-5;

    private static final int N = 6;
    private static final int K = 10;
    private static final Shape IMAGES = new Shape(N, 1, 4, 4);

    private static Map<String, float[]> golden() throws IOException {
        Map<String, float[]> out = new HashMap<>();
        try (InputStream in = CalFatParityTest.class.getResourceAsStream("calfat-golden.txt")) {
            assertNotNull(in, "calfat-golden.txt is missing from the test resources");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] nameValues = line.split("\t");
                String[] words = nameValues[1].trim().split(" ");
                float[] values = new float[words.length];
                for (int i = 0; i < words.length; i++) {
                    values[i] = Float.parseFloat(words[i]);
                }
                out.put(nameValues[0], values);
            }
        }
        return out;
    }

    private static long[] counts(Map<String, float[]> g) {
        float[] c = g.get("counts");
        long[] out = new long[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = (long) c[k];
        }
        return out;
    }

    private static int[] labels(Map<String, float[]> g) {
        float[] y = g.get("labels");
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (int) y[i];
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertEquals(0, worst, TOLERANCE, what + ": largest difference at element " + at);
    }

    private static CalFat calFat(int steps) {
        return new CalFat(CalFatProvider.DEFAULT_SCALE, CalFatProvider.DEFAULT_TAU, CalFatProvider.DEFAULT_EPS,
                CalFatProvider.DEFAULT_ALPHA, steps, CalFatProvider.DEFAULT_START_STD, CalFatProvider.DEFAULT_WEIGHT_DECAY);
    }

    @Test
    void calibratedLossAndItsGradientMatchPyTorch() throws IOException {
        Map<String, float[]> g = golden();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(g.get("logits"), new Shape(N, K));
            z.setRequiresGradient(true);
            // the clean images must not enter the loss: give the batch unrelated ones
            NDArray clean = m.ones(new Shape(N, K)).mul(100f);
            FakeBatch batch = new FakeBatch(clean, z, m.create(labels(g)), m.create(99f), List.of());
            ClientContext client = new ClientContext(0, 10, 0, counts(g), List.of());
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = calFat(10).localLoss(batch, client);
                collector.backward(loss);
            }
            assertClose(g.get("loss"), new float[] {loss.getFloat()}, "loss");
            assertClose(g.get("grad"), z.getGradient().toFloatArray(), "d loss / d logits");
        }
    }

    @Test
    void oneAndTenAttackStepsMatchPyTorch() throws IOException {
        Map<String, float[]> g = golden();
        try (NDManager m = NDManager.newBaseManager()) {
            LinearClassifier model = new LinearClassifier(m.create(g.get("weight"), new Shape(16, K)), m.create(g.get("bias")));
            NDArray x = m.create(g.get("x"), IMAGES);
            NDArray start = x.add(m.create(g.get("noise"), IMAGES));
            CalibratedKlAttack one = (CalibratedKlAttack) calFat(1).trainingAttack(client(g)).orElseThrow();
            assertClose(g.get("adv1"), one.perturbFrom(model, x, start).toFloatArray(), "x' after one step");
            CalibratedKlAttack ten = (CalibratedKlAttack) calFat(10).trainingAttack(client(g)).orElseThrow();
            assertClose(g.get("adv10"), ten.perturbFrom(model, x, start).toFloatArray(), "x' after ten steps");
        }
    }

    private static ClientContext client(Map<String, float[]> g) {
        return new ClientContext(0, 10, 0, counts(g), List.of());
    }
}
