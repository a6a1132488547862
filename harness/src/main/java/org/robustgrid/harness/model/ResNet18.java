package org.robustgrid.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.robustgrid.harness.spi.Activation;

/**
 * The CIFAR ResNet-18 (He et al. 2016, as used for CIFAR-10): a 3x3 stride-1 stem with no max-pool,
 * four stages of two BasicBlocks with widths w, 2w, 4w, 8w, global average pooling and a linear head.
 * With w = 64, 3 input channels and 10 classes it has 11,173,962 trainable parameters.
 * DJL's model-zoo ResNetV1 is not this network: it uses bottleneck blocks and hard-wires ReLU.
 */
final class ResNet18 {

    private static final int[] BLOCKS_PER_STAGE = {2, 2, 2, 2};

    private ResNet18() {}

    static Block build(Activation act, int width, int classes, Folding folding) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(width, 3, 1))
                .add(folding.batchNorm())
                .add(act.newBlock());
        int in = width;
        for (int stage = 0; stage < BLOCKS_PER_STAGE.length; stage++) {
            int out = width << stage;
            for (int b = 0; b < BLOCKS_PER_STAGE[stage]; b++) {
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                net.add(basicBlock(act, in, out, stride, folding));
                in = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)), with the activation in place of relu. */
    private static Block basicBlock(Activation act, int in, int out, int stride, Folding folding) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride))
                .add(folding.batchNorm())
                .add(act.newBlock())
                .add(conv(out, 3, 1))
                .add(folding.batchNorm());
        Block shortcut = (stride == 1 && in == out)
                ? Blocks.identityBlock()
                : new SequentialBlock().add(conv(out, 1, stride)).add(folding.batchNorm());
        return new SequentialBlock()
                .add(folding.sum(main, shortcut))
                .add(act.newBlock());
    }

    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
    }
}
