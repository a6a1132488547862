package org.robustgrid.models;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
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
