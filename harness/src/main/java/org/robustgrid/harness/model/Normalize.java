package org.robustgrid.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code (x - mean) / std} per channel, inside the network so that attacks work on [0,1] pixels. The
 * mean and std arrays are made once, on the model's manager and device, when the block is initialized:
 * not on every forward pass, where on a GPU each would be a host-to-device copy that waits for the
 * stream. They are constants, not parameters: the block saves exactly what the {@code LambdaBlock} it
 * replaced saved (its version and input shape), so checkpoints written before still load.
 */
final class Normalize extends AbstractBlock {

    /** {@code LambdaBlock}'s encoding version, which checkpoints written before this block carry. */
    private static final byte VERSION = 2;

    private final float[] mean;
    private final float[] std;
    private NDArray meanArray;
    private NDArray stdArray;

    Normalize(float[] mean, float[] std) {
        super(VERSION);
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " channels, std " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The per-channel mean subtracted. */
    float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviation divided by. */
    float[] std() {
        return std.clone();
    }

    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        super.initialize(manager, dataType, inputShapes);
        Shape perChannel = new Shape(1, mean.length, 1, 1);
        meanArray = manager.create(mean, perChannel);
        stdArray = manager.create(std, perChannel);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (meanArray == null) {
            throw new IllegalStateException("normalize block used before initialize");
        }
        return new NDList(inputs.singletonOrThrow().sub(meanArray).div(stdArray));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "Normalize(channels=" + mean.length + ")";
    }
}
