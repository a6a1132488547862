package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.LambdaBlock;
import java.util.function.UnaryOperator;
import org.robustgrid.harness.spi.Activation;

/** Stateless activations: the same function in training and evaluation, no parameters. */
final class Elementwise {

    private Elementwise() {}

    /**
     * An activation whose every block applies {@code f}; each call of {@code newBlock()} gives a new
     * block, as the SPI asks, though a stateless block could be shared.
     *
     * @param name the block's name, the provider's id
     * @param f the function, elementwise; its result is attached to the manager of its input
     */
    static Activation of(String name, UnaryOperator<NDArray> f) {
        return () -> LambdaBlock.singleton(f, name);
    }
}
