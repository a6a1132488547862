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
 * conv(w)-BN-act-pool, conv(2w)-BN-act-pool, linear(4w)-act, linear(classes): seconds per epoch on CPU.
 *
 * @param width channels of the first convolution
 */
public record SmallCnn(int width) implements Architecture {

    @Override
    public Block build(Activation act, Shape input, int classes, Layers layers) {
        return new SequentialBlock()
                .add(Convs.conv(width, 3, 1))
                .add(layers.batchNorm())
                .add(act.newBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Convs.conv(2 * width, 3, 1))
                .add(layers.batchNorm())
                .add(act.newBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(4L * width).build())
                .add(act.newBlock())
                .add(Linear.builder().setUnits(classes).build());
    }
}
