package org.robustgrid.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import org.robustgrid.harness.spi.Activation;

/** conv(w)-BN-act-pool, conv(2w)-BN-act-pool, linear(4w)-act, linear(classes): seconds per epoch on CPU. */
final class SmallCnn {

    private SmallCnn() {}

    static Block build(Activation act, int width, int classes, Folding folding) {
        return new SequentialBlock()
                .add(ResNet18.conv(width, 3, 1))
                .add(folding.batchNorm())
                .add(act.newBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(ResNet18.conv(2 * width, 3, 1))
                .add(folding.batchNorm())
                .add(act.newBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(4L * width).build())
                .add(act.newBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
