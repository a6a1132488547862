package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** Sigmoid, a bounded activation. */
public final class SigmoidProvider implements ActivationProvider {

    @Override
    public String id() {
        return "sigmoid";
    }

    @Override
    public String description() {
        return "Sigmoid 1/(1 + exp(-x))";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), SigmoidProvider::sigmoid);
    }

    // sigmoid(x) = 1/(1 + exp(-x)), by PyTorch's kernel
    static NDArray sigmoid(NDArray x) {
        return ai.djl.nn.Activation.sigmoid(x);
    }
}
