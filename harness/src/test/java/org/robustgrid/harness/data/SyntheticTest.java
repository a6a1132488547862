package org.robustgrid.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.model.Models;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.fixtures.TestPlugins;

class SyntheticTest {

    static DataSplit load(String spec, long seed) {
        return Datasets.load(new DataOptions(spec, null, false, null, 0, 0, seed));
    }

    static byte[] image(Dataset d, int i) {
        return Arrays.copyOfRange(d.pixels(), i * d.imageSize(), (i + 1) * d.imageSize());
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        DataSplit a = load("synthetic(channels=3,size=8,train=50,test=20)", 42);
        DataSplit b = load("synthetic(channels=3,size=8,train=50,test=20)", 42);
        assertArrayEquals(a.train().pixels(), b.train().pixels());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().pixels(), b.test().pixels());
        assertArrayEquals(a.test().labels(), b.test().labels());
    }

    @Test
    void anotherSeedGivesOtherBytes() {
        DataSplit a = load("synthetic(size=8,train=50,test=20)", 1);
        DataSplit b = load("synthetic(size=8,train=50,test=20)", 2);
        assertFalse(Arrays.equals(a.train().pixels(), b.train().pixels()));
        assertFalse(Arrays.equals(a.test().pixels(), b.test().pixels()));
    }

    @Test
    void trainingImagesDoNotDependOnTheTestSize() {
        DataSplit a = load("synthetic(size=8,train=50,test=20)", 7);
        DataSplit b = load("synthetic(size=8,train=50,test=90)", 7);
        assertArrayEquals(a.train().pixels(), b.train().pixels());
        assertNotEquals(a.test().size(), b.test().size());
    }

    @Test
    void shapeNamesAndBalancedClassesFollowTheSpec() {
        DataSplit s = load("synthetic(channels=3,size=12,classes=4,train=10,test=8)", 0);
        Dataset train = s.train();
        assertEquals(3, train.channels());
        assertEquals(12, train.height());
        assertEquals(12, train.width());
        assertEquals(List.of("class-0", "class-1", "class-2", "class-3"), train.classNames());
        assertEquals(10 * 3 * 12 * 12, train.pixels().length);
        assertArrayEquals(new long[] {3, 3, 2, 2}, train.classCounts());
        assertArrayEquals(new long[] {2, 2, 2, 2}, s.test().classCounts());
    }

    @Test
    void withoutNoiseClass0IsVerticalStripesOfPeriod4() {
        Dataset d = load("synthetic(size=8,noise=0,train=20,test=1)", 0).train();
        int i = 0;
        while (d.labels()[i] != 0) {
            i++;
        }
        // bright = round(0.75 * 255) = 191, dark = round(0.25 * 255) = 64; two bright columns, two dark, repeated
        byte[] row = {(byte) 191, (byte) 191, 64, 64, (byte) 191, (byte) 191, 64, 64};
        byte[] img = image(d, i);
        for (int r = 0; r < 8; r++) {
            assertArrayEquals(row, Arrays.copyOfRange(img, r * 8, r * 8 + 8), "row " + r);
        }
    }

    @Test
    void withoutNoiseEveryClassHasOnePatternAndNoTwoClassesShareOne() {
        // the smallest size and the most classes are the hardest case for distinct patterns
        Dataset d = load("synthetic(channels=3,size=8,classes=16,noise=0,train=64,test=1)", 0).train();
        byte[][] pattern = new byte[16][];
        for (int i = 0; i < d.size(); i++) {
            byte[] img = image(d, i);
            int c = d.labels()[i];
            if (pattern[c] == null) {
                pattern[c] = img;
            }
            assertArrayEquals(pattern[c], img, "image " + i + " of class " + c);
        }
        Set<String> distinct = new HashSet<>();
        for (byte[] p : pattern) {
            distinct.add(Arrays.toString(p));
        }
        assertEquals(16, distinct.size());
    }

    @Test
    void meanAndStdAreThoseOfTheTrainingPixels() {
        Dataset d = load("synthetic(channels=2,size=8,train=30,test=5,noise=0.3)", 9).train();
        int plane = 64;
        for (int ch = 0; ch < 2; ch++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int i = 0; i < d.size(); i++) {
                for (int p = 0; p < plane; p++) {
                    double v = (d.pixels()[(i * 2 + ch) * plane + p] & 0xff) / 255.0;
                    sum += v;
                    sq += v * v;
                    n++;
                }
            }
            double mean = sum / n;
            assertEquals(mean, d.mean()[ch], 1e-6);
            assertEquals(Math.sqrt(sq / n - mean * mean), d.std()[ch], 1e-6);
        }
    }

    @Test
    void parametersAreChecked() {
        SpecException e = assertThrows(SpecException.class, () -> load("synthetic(classes=17)", 0));
        assertEquals("parameter 'classes' of 'synthetic' is '17'; expected an integer in [2, 16]", e.getMessage());
        assertThrows(SpecException.class, () -> load("synthetic(colour=1)", 0));
    }

    @Test
    void nearestClassMeanSeparatesTheTestSet() {
        // a model-free check that the classes are learnable at the default noise
        DataSplit s = load("synthetic", 11);
        Dataset train = s.train();
        int n = train.imageSize();
        double[][] centroid = new double[train.numClasses()][n];
        long[] counts = train.classCounts();
        for (int i = 0; i < train.size(); i++) {
            for (int p = 0; p < n; p++) {
                centroid[train.labels()[i]][p] += (train.pixels()[i * n + p] & 0xff) / (double) counts[train.labels()[i]];
            }
        }
        Dataset test = s.test();
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < centroid.length; c++) {
                double dist = 0;
                for (int p = 0; p < n; p++) {
                    double diff = (test.pixels()[i * n + p] & 0xff) - centroid[c][p];
                    dist += diff * diff;
                }
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = c;
                }
            }
            correct += best == test.labels()[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.95 * test.size(), correct + " of " + test.size());
    }

    @Test
    void aSmallCnnLearnsItInOneEpoch() {
        DataSplit s = load("synthetic", 3);
        Dataset train = s.train();
        int batch = 32;
        Shape shape = new Shape(batch, 1, 16, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(3);
            Block net = Models.build(TestPlugins.model("small-cnn(width=8)").instance(), TestPlugins.relu(), 1, 16, 16, 10, train.mean(), train.std());
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, shape);
            ParameterStore ps = new ParameterStore(m, false);
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build();
            List<Parameter> weights = net.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
            for (int start = 0; start + batch <= train.size(); start += batch) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = batchOf(step, train, start, batch);
                    NDArray y = step.create(Arrays.copyOfRange(train.labels(), start, start + batch));
                    try (GradientCollector gc = Engines.get().newGradientCollector()) {
                        gc.zeroGradients();
                        gc.backward(Losses.crossEntropy(net.forward(ps, new NDList(x), true).singletonOrThrow(), y));
                    }
                    for (Parameter p : weights) {
                        sgd.update(p.getId(), p.getArray(), p.getArray().getGradient());
                    }
                }
            }
            Dataset test = s.test();
            int correct = 0;
            for (int start = 0; start < test.size(); start += 100) {
                try (NDManager step = m.newSubManager()) {
                    NDArray logits = net.forward(ps, new NDList(batchOf(step, test, start, 100)), false).singletonOrThrow();
                    int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                    for (int i = 0; i < predicted.length; i++) {
                        correct += predicted[i] == test.labels()[start + i] ? 1 : 0;
                    }
                }
            }
            assertTrue(correct >= 0.9 * test.size(), correct + " of " + test.size() + " after one epoch");
        }
    }

    static NDArray batchOf(NDManager m, Dataset d, int start, int count) {
        int n = d.imageSize();
        float[] x = new float[count * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (d.pixels()[start * n + i] & 0xff) / 255f;
        }
        return m.create(x, new Shape(count, d.channels(), d.height(), d.width()));
    }
}
