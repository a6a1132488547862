package org.robustgrid.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;

/**
 * Builds a network from an architecture plugin ({@link org.robustgrid.harness.spi.ModelProvider}): the
 * plugin's block behind the input normalization every model gets, with the BatchNorms and sums it made
 * through {@link Folding} recorded for inference.
 */
public final class Models {

    private Models() {}

    /**
     * @param architecture the architecture
     * @param activation the nonlinearity, used at every place the network has one
     * @param channels input channels (1 or 3)
     * @param height image height
     * @param width image width
     * @param classes number of classes
     * @param mean per-channel input mean, subtracted inside the network so attacks work on [0,1] pixels
     * @param std per-channel input standard deviation
     */
    public static Block build(Architecture architecture, Activation activation, int channels, int height, int width, int classes,
            float[] mean, float[] std) {
        return buildFoldable(architecture, activation, channels, height, width, classes, mean, std).block();
    }

    /** A built network and what folding it for inference needs to know (see {@link FoldedForward}). */
    record Built(Block block, Folding folding) {}

    static Built buildFoldable(Architecture architecture, Activation activation, int channels, int height, int width, int classes,
            float[] mean, float[] std) {
        Folding folding = new Folding();
        Block net = architecture.build(activation, new Shape(channels, height, width), classes, folding);
        if (net == null) {
            throw new IllegalStateException("the architecture's build returned null");
        }
        return new Built(new SequentialBlock().add(new Normalize(mean, std)).add(net), folding);
    }
}
