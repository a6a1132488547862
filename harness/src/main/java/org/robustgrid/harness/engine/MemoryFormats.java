package org.robustgrid.harness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** PyTorch memory formats that DJL has no call for. */
public final class MemoryFormats {

    private MemoryFormats() {}

    /**
     * The same NCHW array with its values stored NHWC (PyTorch's channels-last strides): libtorch's
     * convolutions then keep their inputs and outputs in that layout. Arrays of another rank come back
     * as they are. Differentiable: the gradient flows back to {@code x} in {@code x}'s layout.
     */
    public static NDArray channelsLast(NDArray x) {
        if (x.getShape().dimension() != 4) {
            return x;
        }
        Shape s = x.getShape();
        // a copy in NHWC order, seen through a transposed view as NCHW again
        return x.transpose(0, 2, 3, 1).reshape(-1).reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }
}
