package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * RReLU as a block, because its output depends on the training flag. Slopes come from the engine's
 * random generator, so seeding it ({@code Seeding.seed}, as the harness does) makes training reproducible.
 */
final class RreluBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float lower;
    private final float upper;

    RreluBlock(float lower, float upper) {
        super(VERSION);
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(training ? randomSlopes(x) : meanSlope(x));
    }

    // training: y = x if x > 0 else a·x, a ~ U(lower, upper) drawn per element (the gradient at 0 is a, as in PyTorch)
    private NDArray randomSlopes(NDArray x) {
        NDArray a = x.getManager().randomUniform(lower, upper, x.getShape(), x.getDataType(), x.getDevice());
        return NDArrays.where(x.gt(0f), x, x.mul(a));
    }

    // evaluation: y = x if x > 0 else (lower + upper)/2·x
    private NDArray meanSlope(NDArray x) {
        return LeakyReluProvider.leakyRelu(x, (lower + upper) / 2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "RReLU(lower=" + lower + ", upper=" + upper + ")";
    }
}
