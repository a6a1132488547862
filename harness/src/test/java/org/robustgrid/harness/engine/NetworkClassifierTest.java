package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.model.Models;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.fixtures.TestPlugins;

class NetworkClassifierTest {

    @Test
    void inputGradientLeavesWeightGradientsUntouched() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(1);
            Block b = Models.build(TestPlugins.model("small-cnn(width=4)").instance(), TestPlugins.relu(), 1, 12, 12, 10, new float[] {0.5f}, new float[] {0.25f});
            b.initialize(m, DataType.FLOAT32, new Shape(4, 1, 12, 12));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(4, 1, 12, 12));
            NDArray y = m.create(new int[] {0, 1, 2, 3});
            // A training backward leaves non-zero gradients on the weights.
            try (GradientCollector gc = Engines.get().newGradientCollector()) {
                gc.backward(Losses.crossEntropy(b.forward(ps, new NDList(x), true).singletonOrThrow(), y));
            }
            List<Parameter> weights = b.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
            List<float[]> before = weights.stream().map(p -> p.getArray().getGradient().toFloatArray()).toList();
            List<float[]> values = weights.stream().map(p -> p.getArray().toFloatArray()).toList();
            assertTrue(before.stream().anyMatch(g -> g[0] != 0f));

            Classifier c = new NetworkClassifier(b, ps, 10);
            for (int i = 0; i < 3; i++) {
                Classifier.InputGradient g = c.gradient(x, (xt, logits) -> Losses.crossEntropy(logits, y));
                assertEquals(x.getShape(), g.grad().getShape());
                assertTrue(g.grad().abs().sum().getFloat() > 0f);
            }
            for (int i = 0; i < weights.size(); i++) {
                assertArrayEquals(before.get(i), weights.get(i).getArray().getGradient().toFloatArray(), "gradient of " + i);
                assertArrayEquals(values.get(i), weights.get(i).getArray().toFloatArray(), "weight " + i);
                assertTrue(weights.get(i).getArray().hasGradient(), "weight " + i + " still trainable");
            }
        }
    }
}
