package org.robustgrid.harness.spi;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A network architecture, built once per trained model. Contract: the block maps a float32 batch of
 * normalized images (N, C, H, W) to logits (N, classes); it uses {@code activation} at every place the
 * architecture has a nonlinearity (one {@code newBlock()} per place); in inference mode
 * ({@code training=false}) it is deterministic; it is differentiable with respect to its input.
 *
 * <p>The harness puts the per-channel input normalization in front of the block (attacks work on
 * [0,1] pixels), initializes it (He-normal weights from the engine's seeded generator, BatchNorm
 * scale 1 and shift 0) and owns its parameters.
 */
public interface Architecture {

    /**
     * Builds the network, not yet initialized.
     *
     * @param activation the nonlinearity, used everywhere the architecture has one
     * @param input the shape of one image: (channels, height, width)
     * @param classes the number of classes, the width of the logits
     * @param layers makes the BatchNorms and residual sums, so that the harness can fold them for inference
     * @return the block; a new one on each call
     */
    Block build(Activation activation, Shape input, int classes, Layers layers);
}
