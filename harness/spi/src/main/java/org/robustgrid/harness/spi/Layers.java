package org.robustgrid.harness.spi;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;

/**
 * The layers an {@link Architecture} makes through the harness rather than with DJL's builders, because
 * inference needs to know what DJL's blocks keep private: a BatchNorm's epsilon, and that a parallel
 * block adds its branches. For evaluation and attacks the harness folds each BatchNorm that directly
 * follows a convolution (in one {@code SequentialBlock}) into it, and runs a sum's branches itself; any
 * other block runs its own forward pass, so an architecture that makes its layers otherwise is still
 * exact, only not folded.
 */
public interface Layers {

    /** A BatchNorm over channels (axis 1) with PyTorch's defaults (epsilon 1e-5, momentum 0.1). */
    BatchNorm batchNorm();

    /** {@code main(x) + shortcut(x)}: a residual connection. */
    Block sum(Block main, Block shortcut);
}
