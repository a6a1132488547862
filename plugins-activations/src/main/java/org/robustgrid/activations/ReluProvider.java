package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** ReLU, the study's baseline. */
public final class ReluProvider implements ActivationProvider {

    @Override
    public String id() {
        return "relu";
    }

    @Override
    public String description() {
        return "ReLU max(0, x)";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), ReluProvider::relu);
    }

    // relu(x) = max(0, x), by PyTorch's kernel: its gradient at 0 is 0
    static NDArray relu(NDArray x) {
        return ai.djl.nn.Activation.relu(x);
    }
}
