package org.robustgrid.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Layers;

/**
 * Wide ResNet (Zagoruyko and Komodakis 2016) as RobustBench builds it: a 3x3 stem of 16 channels, three
 * groups of (depth - 4) / 6 pre-activation blocks ({@link PreActivation}) with 16k, 32k and 64k channels
 * (k the widening factor; strides 1, 2, 2), a final BN-act, global average pooling and a linear head.
 * WRN-28-10 on CIFAR-10 has 36,479,194 trainable parameters.
 *
 * @param depth 6n + 4 layers
 * @param widen the widening factor k
 * @param dropout the dropout rate between each block's convolutions (RobustBench's default 0)
 */
public record WideResNet(int depth, int widen, double dropout) implements Architecture {

    @Override
    public Block build(Activation act, Shape input, int classes, Layers layers) {
        return PreActivation.network(act, layers, new int[] {16, 16 * widen, 32 * widen, 64 * widen}, (depth - 4) / 6, dropout, classes);
    }
}
