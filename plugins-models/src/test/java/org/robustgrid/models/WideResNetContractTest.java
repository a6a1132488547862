package org.robustgrid.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Layers;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.testkit.ModelContractTest;
import org.robustgrid.harness.testkit.Plugins;

class WideResNetContractTest extends ModelContractTest {
    WideResNetContractTest() {
        super(new WideResNetProvider(), "wide-resnet(depth=10,widen=1)", 3, 16, ParameterCounts.wideResNet(10, 1, 3, 10));
    }

    @Test
    void depthMustBeSixNPlusFour() {
        SpecException e = assertThrows(SpecException.class, () -> Plugins.create(new WideResNetProvider(), "wide-resnet(depth=27)"));
        assertTrue(e.getMessage().contains("expected 6n + 4"), e.getMessage());
        assertEquals("wide-resnet(depth=28,dropout=0,widen=10)", Plugins.canonical(new WideResNetProvider(), "wide-resnet"));
    }

    /** Dropout between the convolutions: random in training, absent in evaluation. */
    @Test
    void dropoutActsInTrainingOnly() {
        Layers layers = ParameterCounts.plainLayers();
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = new WideResNet(10, 1, 0.5).build(
                    () -> new LambdaBlock(l -> new NDList(ai.djl.nn.Activation.relu(l.singletonOrThrow())), "relu"), new Shape(3, 8, 8), 10, layers);
            b.initialize(m, DataType.FLOAT32, new Shape(2, 3, 8, 8));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 8, 8));
            float[] eval = b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(eval, b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray());
            float[] t1 = b.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            float[] t2 = b.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            assertFalse(Arrays.equals(t1, t2), "two training passes with dropout 0.5 gave the same logits");
        }
    }
}
