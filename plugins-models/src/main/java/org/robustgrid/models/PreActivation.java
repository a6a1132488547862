package org.robustgrid.models;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Layers;

/**
 * The pre-activation residual block (He et al. 2016, "Identity Mappings in Deep Residual Networks") that
 * PreAct ResNet and Wide ResNet share, as in their PyTorch reference code: BN-act-conv-BN-act-conv plus the
 * input. Where the shape changes, the 1x1 projection of the shortcut takes the pre-activated input
 * {@code act(bn(x))}, not {@code x}.
 */
final class PreActivation {

    private PreActivation() {}

    /**
     * A 3x3 stem convolution of {@code widths[0]} channels, groups of {@code blocks} pre-activation blocks with
     * {@code widths[1..]} channels (stride 2 at the start of each group but the first), a final BN-act, global
     * average pooling and a linear head: PreAct ResNet's and Wide ResNet's shape.
     */
    static Block network(Activation act, Layers layers, int[] widths, int blocks, double dropout, int classes) {
        SequentialBlock net = new SequentialBlock().add(Convs.conv(widths[0], 3, 1));
        int in = widths[0];
        for (int group = 1; group < widths.length; group++) {
            for (int b = 0; b < blocks; b++) {
                net.add(block(act, in, widths[group], group > 1 && b == 0 ? 2 : 1, dropout, layers));
                in = widths[group];
            }
        }
        return net.add(layers.batchNorm())
                .add(act.newBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * @param dropout the dropout rate between the two convolutions (Wide ResNet's; 0 for none)
     */
    static Block block(Activation act, int in, int out, int stride, double dropout, Layers layers) {
        SequentialBlock main = new SequentialBlock()
                .add(Convs.conv(out, 3, stride))
                .add(layers.batchNorm())
                .add(act.newBlock());
        if (dropout > 0) {
            main.add(Dropout.builder().optRate((float) dropout).build());
        }
        main.add(Convs.conv(out, 3, 1));
        SequentialBlock pre = new SequentialBlock().add(layers.batchNorm()).add(act.newBlock());
        if (stride == 1 && in == out) {
            // x + main(act(bn(x)))
            return layers.sum(pre.add(main), Blocks.identityBlock());
        }
        // p = act(bn(x)); main(p) + proj(p)
        return pre.add(layers.sum(main, Convs.conv(out, 1, stride)));
    }
}
