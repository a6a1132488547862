package org.robustgrid.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Layers;

/**
 * PreAct ResNet-18 for CIFAR (He et al. 2016, the network of many RobustBench CIFAR-10 rows): a 3x3 stem
 * convolution, four stages of two pre-activation blocks ({@link PreActivation}) with widths w, 2w, 4w, 8w,
 * a final BN-act, global average pooling and a linear head. With w = 64, 3 input channels and 10 classes
 * it has 11,172,170 trainable parameters (PyTorch counts the same).
 *
 * @param width channels of the first stage
 */
public record PreActResNet18(int width) implements Architecture {

    @Override
    public Block build(Activation act, Shape input, int classes, Layers layers) {
        return PreActivation.network(act, layers, new int[] {width, width, 2 * width, 4 * width, 8 * width}, 2, 0, classes);
    }
}
