package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU with a single learnable slope. Not DJL's {@code Prelu}: the PyTorch engine does not implement
 * its operator, and its slope is a WEIGHT that a model-wide {@code setInitializer(..., WEIGHT)} would
 * re-initialize. Here the slope is of type OTHER and carries its own constant initializer.
 */
final class PreluBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter alpha;

    PreluBlock(float init) {
        super(VERSION);
        alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer(init))
                .build());
    }

    // y = x if x > 0 else a·x; gradients as PyTorch's: a for x <= 0, and dy/da = x for x <= 0
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = store.getValue(alpha, x.getDevice(), training);
        return new NDList(NDArrays.where(x.gt(0f), x, x.mul(a)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
