package org.robustgrid.harness.spi;

import ai.djl.nn.Block;

/**
 * An activation function. Contract: shape-preserving, differentiable almost everywhere, and
 * deterministic when the block runs with {@code training=false}.
 */
public interface Activation {

    /**
     * A fresh block for one place in the network. Blocks with parameters (PReLU) must not be shared
     * between places, so the model calls this once per nonlinearity.
     */
    Block newBlock();
}
