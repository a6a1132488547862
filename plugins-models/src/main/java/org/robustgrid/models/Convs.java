package org.robustgrid.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** The convolutions the architectures share. */
final class Convs {

    private Convs() {}

    /** A square bias-free convolution with "same" padding: PyTorch's {@code Conv2d(.., k, stride, padding=k//2, bias=False)}. */
    static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
    }
}
