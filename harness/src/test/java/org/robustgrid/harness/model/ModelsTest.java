package org.robustgrid.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.fixtures.TestPlugins;

class ModelsTest {

    static long trainableParameters(Block block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    static Block initialized(NDManager m, String spec, int channels, int size) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(std, 1f);
        Block b = Models.build(spec, TestPlugins.relu(), channels, 10, mean, std);
        b.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(2, channels, size, size));
        return b;
    }

    @Test
    void resnet18HasTheStandardCifarParameterCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            // PyTorch's CIFAR ResNet-18 (3x3 stem, BasicBlocks [2,2,2,2], bias-free convs) counts 11,173,962.
            assertEquals(11_173_962L, trainableParameters(initialized(m, "resnet18", 3, 32)));
        }
    }

    @Test
    void resnet18TakesOneChannelAndOtherWidths() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = initialized(m, "resnet18(width=8)", 1, 28);
            NDArray out = b.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, new Shape(2, 1, 28, 28))), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 10), out.getShape());
            // hand count for width 8 and one input channel (see the formula in ResNet18)
            assertEquals(176_258L, trainableParameters(b));
        }
    }

    @Test
    void smallCnnRunsOnFashionMnistShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = initialized(m, "small-cnn(width=8)", 1, 28);
            NDArray out = b.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(3, 1, 28, 28))), false)
                    .singletonOrThrow();
            assertEquals(new Shape(3, 10), out.getShape());
        }
    }

    @Test
    void unknownModelNamesTheOnesThatExist() {
        SpecException e = assertThrows(SpecException.class, () -> Models.params("resnet50"));
        assertEquals("unknown model 'resnet50'; available: resnet18, small-cnn", e.getMessage());
    }
}
