package org.robustgrid.harness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robustgrid.harness.bench.StepBenchmark;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.fixtures.TestPlugins;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;

class FoldedForwardTest {

    /** Gives every BatchNorm statistics and an affine map far from the identity, as a trained network has. */
    private static void perturbBatchNorms(Network net) {
        for (var e : net.block().getParameters()) {
            String name = e.getKey();
            NDArray a = e.getValue().getArray();
            NDManager m = a.getManager();
            long n = a.size();
            NDArray v;
            if (name.endsWith("gamma")) {
                v = m.randomUniform(0.3f, 2f, a.getShape());
            } else if (name.endsWith("beta") || name.endsWith("runningMean")) {
                v = m.randomNormal(0f, 0.5f, a.getShape(), DataType.FLOAT32);
            } else if (name.endsWith("runningVar")) {
                v = m.randomUniform(0.2f, 3f, a.getShape());
            } else {
                continue;
            }
            assertEquals(n, v.size());
            v.copyTo(a);
            v.close();
        }
    }

    private static double relativeError(NDArray a, NDArray b) {
        return a.sub(b).norm().getFloat() / b.norm().getFloat();
    }

    @ParameterizedTest
    @CsvSource({"res-cnn(width=4), 4, 3, 16", "small-cnn(width=4), 2, 1, 12"})
    void foldedNetworkComputesTheSameLogitsAndInputGradients(String spec, int convolutions, int channels, int size) {
        Engines.seed(3);
        Dataset shape = StepBenchmark.randomData(8, channels, size, 10, 1);
        try (Network net = Network.create(TestPlugins.model(spec), TestPlugins.relu(), shape, Device.cpu()); NDManager m = net.manager().newSubManager()) {
            perturbBatchNorms(net);
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, channels, size, size));
            NDArray y = m.create(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
            FoldedForward folded = new FoldedForward(net.block(), net.store(), Models.buildFoldable(TestPlugins.model(spec).instance(), TestPlugins.relu(),
                    channels, size, size, 10, shape.mean(), shape.std()).folding(), m);
            // a folding made for another instance of the same architecture knows none of this network's blocks
            assertEquals(0, folded.foldedCount());

            NetworkClassifier exact = net.classifier();
            NetworkClassifier fast = net.inference(m);
            NDArray zExact = exact.logits(x);
            NDArray zFast = fast.logits(x);
            assertTrue(zExact.abs().max().getFloat() > 1f, "logits large enough to compare");
            assertTrue(relativeError(zFast, zExact) < 1e-5, "logits differ by " + relativeError(zFast, zExact));
            // folding changed the arithmetic: not the same bits, so this test compares two different paths
            assertTrue(zFast.sub(zExact).abs().max().getFloat() > 0f);

            Classifier.InputGradient gExact = exact.gradient(x, (xt, z) -> Losses.crossEntropy(z, y));
            Classifier.InputGradient gFast = fast.gradient(x, (xt, z) -> Losses.crossEntropy(z, y));
            assertTrue(relativeError(gFast.grad(), gExact.grad()) < 1e-4, "input gradients differ by "
                    + relativeError(gFast.grad(), gExact.grad()));
            assertEquals(gExact.value().getFloat(), gFast.value().getFloat(), 1e-5f * Math.abs(gExact.value().getFloat()));

            FoldedForward own = new FoldedForward(net.block(), net.store(), net.folding(), m);
            assertEquals(convolutions, own.foldedCount());
        }
    }

    @Test
    void foldedWeightsAreThoseOfTheMomentTheyWereMade() {
        Engines.seed(4);
        Dataset shape = StepBenchmark.randomData(4, 1, 12, 10, 1);
        try (Network net = Network.create(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), shape, Device.cpu());
                NDManager m = net.manager().newSubManager()) {
            perturbBatchNorms(net);
            NDArray x = m.randomUniform(0f, 1f, new Shape(4, 1, 12, 12));
            NetworkClassifier before = net.inference(m);
            NDArray zBefore = before.logits(x);
            perturbBatchNorms(net); // an update between two steps
            NDArray zExact = net.classifier().logits(x);
            assertTrue(relativeError(net.inference(m).logits(x), zExact) < 1e-5, "a new folding follows the update");
            assertTrue(relativeError(before.logits(x), zExact) > 1e-2, "the old one keeps the old weights");
            assertTrue(relativeError(before.logits(x), zBefore) < 1e-6);
        }
    }

    @Test
    void foldedGradientsLeaveTheWeightsGradientsAlone() {
        Engines.seed(5);
        Dataset shape = StepBenchmark.randomData(4, 1, 12, 10, 1);
        try (Network net = Network.create(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), shape, Device.cpu());
                NDManager m = net.manager().newSubManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(4, 1, 12, 12));
            NDArray y = m.create(new int[] {0, 1, 2, 3});
            List<Parameter> weights = net.trainable();
            weights.forEach(p -> p.getArray().getGradient().muli(0));
            net.inference(m).gradient(x, (xt, z) -> Losses.crossEntropy(z, y));
            for (Parameter p : weights) {
                assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat(), p.getName());
                assertTrue(p.getArray().hasGradient(), p.getName() + " still trainable");
            }
        }
    }

    @Test
    void switchedOffItIsTheBlocksOwnForwardPass() {
        Engines.seed(6);
        Dataset shape = StepBenchmark.randomData(4, 1, 12, 10, 1);
        String old = System.getProperty(Network.FOLD_PROPERTY);
        System.setProperty(Network.FOLD_PROPERTY, "false");
        try (Network net = Network.create(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), shape, Device.cpu());
                NDManager m = net.manager().newSubManager()) {
            perturbBatchNorms(net);
            NDArray x = m.randomUniform(0f, 1f, new Shape(4, 1, 12, 12));
            assertArrayEquals(net.classifier().logits(x).toFloatArray(), net.inference(m).logits(x).toFloatArray());
        } finally {
            if (old == null) {
                System.clearProperty(Network.FOLD_PROPERTY);
            } else {
                System.setProperty(Network.FOLD_PROPERTY, old);
            }
        }
    }

    @Test
    void batchNormsMadeElsewhereRunAsTheyAre() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(7);
            // a BatchNorm made elsewhere: its epsilon is not known, so it must not be folded
            Block b = new SequentialBlock().add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).optPadding(new Shape(1, 1)).build()).add(BatchNorm.builder().optEpsilon(0.1f).build());
            b.initialize(m, DataType.FLOAT32, new Shape(2, 1, 6, 6));
            ParameterStore ps = new ParameterStore(m, false);
            FoldedForward f = new FoldedForward(b, ps, new Folding(), m);
            assertEquals(0, f.foldedCount());
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 1, 6, 6));
            assertArrayEquals(b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(), f.apply(x).toFloatArray());
        }
    }
}
