package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * The engine trap behind {@link NativeEnvironment}'s oneDNN check: a convolution's input gradient must
 * match finite differences. With oneDNN's AVX2/AVX-512 kernels it did not on an AMD EPYC; the test
 * runs at the level the check chose for this machine ({@link ConvGradientProbe} checks many more shapes).
 */
class ConvGradientTest {

    @Test
    void inputGradientOfTwoConvolutionsMatchesFiniteDifferences() {
        Engines.seed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).optPadding(new Shape(1, 1)).optBias(false).build())
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optPadding(new Shape(1, 1)).optBias(false).build());
            net.initialize(m, DataType.FLOAT32, new Shape(8, 1, 6, 6));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(8, 1, 6, 6), DataType.FLOAT32);
            NDArray w = m.randomUniform(-1, 1, new Shape(8, 8, 6, 6), DataType.FLOAT32);
            // objective: sum(w ⊙ net(x)), linear in x, so central differences are exact up to float rounding
            var c = new NetworkClassifier(net, ps, 8);
            float[] grad = c.gradient(x, (xt, out) -> out.mul(w).sum()).grad().toFloatArray();
            float[] xs = x.toFloatArray();
            float h = 0.05f;
            for (int i = 0; i < xs.length; i += 7) {
                float[] up = xs.clone();
                float[] down = xs.clone();
                up[i] += h;
                down[i] -= h;
                double fu = net.forward(ps, new NDList(m.create(up, x.getShape())), false).singletonOrThrow().mul(w).sum().getFloat();
                double fd = net.forward(ps, new NDList(m.create(down, x.getShape())), false).singletonOrThrow().mul(w).sum().getFloat();
                assertEquals((fu - fd) / (2 * h), grad[i], 2e-3 + 1e-3 * Math.abs(grad[i]), "input gradient at " + i);
            }
        }
    }
}
