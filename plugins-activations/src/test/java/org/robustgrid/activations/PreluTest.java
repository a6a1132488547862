package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Activation;

/** PReLU's learnable slope: one per block, initialized to init, with PyTorch's gradient. */
class PreluTest {

    @Test
    void slopeIsOneLearnableScalarThatSurvivesAModelWideWeightInitializer() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Closed.create(new PreluProvider(), "prelu(init=0.3)").newBlock();
            // what model code does before training: every WEIGHT gets Xavier
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 4, 4));
            List<Parameter> params = block.getParameters().values();
            assertEquals(1, params.size());
            Parameter slope = params.get(0);
            assertTrue(slope.requiresGradient(), "the slope is not trainable");
            assertEquals(new Shape(1), slope.getArray().getShape());
            assertArrayEquals(new float[] {0.3f}, slope.getArray().toFloatArray());
        }
    }

    @Test
    void gradientsWithRespectToInputAndSlope() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Closed.create(new PreluProvider(), "prelu").newBlock();
            NDArray x = m.create(new float[] {-2f, -0.5f, 0f, 1f, 3f});
            block.initialize(m, DataType.FLOAT32, x.getShape());
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                collector.backward(y.sum());
            }
            assertArrayEquals(new float[] {-0.5f, -0.125f, 0f, 1f, 3f}, y.toFloatArray(), 1e-7f);
            // dy/dx = a where x <= 0 (PyTorch's side at 0), 1 elsewhere
            assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 1f, 1f}, x.getGradient().toFloatArray(), 1e-7f);
            // d(sum y)/da = sum of x over x <= 0 = -2.5
            NDArray slopeGrad = block.getParameters().valueAt(0).getArray().getGradient();
            assertArrayEquals(new float[] {-2.5f}, slopeGrad.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void eachPlaceInANetworkHasItsOwnSlope() {
        Activation prelu = Closed.create(new PreluProvider(), "prelu");
        SequentialBlock net = new SequentialBlock().add(prelu.newBlock()).add(prelu.newBlock());
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            assertEquals(2, net.getParameters().size());
            // doubling the first slope doubles the negative outputs only once
            net.getParameters().get(0).getValue().getArray().muli(2f);
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(m.create(new float[] {-4f, 2f})), false).singletonOrThrow();
            assertArrayEquals(new float[] {-4f * 0.5f * 0.25f, 2f}, y.toFloatArray(), 1e-7f);
        }
    }
}
