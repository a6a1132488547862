package org.robustgrid.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
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
        int perGroup = (depth - 4) / 6;
        SequentialBlock net = new SequentialBlock().add(Convs.conv(16, 3, 1));
        int in = 16;
        for (int group = 0; group < 3; group++) {
            int out = (16 << group) * widen;
            for (int b = 0; b < perGroup; b++) {
                net.add(PreActivation.block(act, in, out, group > 0 && b == 0 ? 2 : 1, dropout, layers));
                in = out;
            }
        }
        return net.add(layers.batchNorm())
                .add(act.newBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
