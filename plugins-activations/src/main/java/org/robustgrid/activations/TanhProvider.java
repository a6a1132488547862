package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** Tanh, a bounded activation. */
public final class TanhProvider implements ActivationProvider {

    @Override
    public String id() {
        return "tanh";
    }

    @Override
    public String description() {
        return "Tanh (exp(x) - exp(-x))/(exp(x) + exp(-x))";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), TanhProvider::tanh);
    }

    // tanh(x) = (exp(x) - exp(-x))/(exp(x) + exp(-x)), by PyTorch's kernel
    static NDArray tanh(NDArray x) {
        return ai.djl.nn.Activation.tanh(x);
    }
}
