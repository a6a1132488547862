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
 * The CIFAR ResNet-18 (He et al. 2016, as used for CIFAR-10): a 3x3 stride-1 stem with no max-pool,
 * four stages of two BasicBlocks with widths w, 2w, 4w, 8w, global average pooling and a linear head.
 * With w = 64, 3 input channels and 10 classes it has 11,173,962 trainable parameters.
 * DJL's model-zoo ResNetV1 is not this network: it uses bottleneck blocks and hard-wires ReLU.
 *
 * @param width channels of the first stage
 */
public record ResNet18(int width) implements Architecture {

    private static final int[] BLOCKS_PER_STAGE = {2, 2, 2, 2};

    @Override
    public Block build(Activation act, Shape input, int classes, Layers layers) {
        SequentialBlock net = new SequentialBlock()
                .add(Convs.conv(width, 3, 1))
                .add(layers.batchNorm())
                .add(act.newBlock());
        int in = width;
        for (int stage = 0; stage < BLOCKS_PER_STAGE.length; stage++) {
            int out = width << stage;
            for (int b = 0; b < BLOCKS_PER_STAGE[stage]; b++) {
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                net.add(basicBlock(act, in, out, stride, layers));
                in = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)), with the activation in place of relu. */
    private static Block basicBlock(Activation act, int in, int out, int stride, Layers layers) {
        SequentialBlock main = new SequentialBlock()
                .add(Convs.conv(out, 3, stride))
                .add(layers.batchNorm())
                .add(act.newBlock())
                .add(Convs.conv(out, 3, 1))
                .add(layers.batchNorm());
        Block shortcut = (stride == 1 && in == out)
                ? Blocks.identityBlock()
                : new SequentialBlock().add(Convs.conv(out, 1, stride)).add(layers.batchNorm());
        return new SequentialBlock()
                .add(layers.sum(main, shortcut))
                .add(act.newBlock());
    }
}
