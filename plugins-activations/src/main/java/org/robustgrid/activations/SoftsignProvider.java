package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** Softsign, a bounded activation. */
public final class SoftsignProvider implements ActivationProvider {

    @Override
    public String id() {
        return "softsign";
    }

    @Override
    public String description() {
        return "Softsign x/(1 + |x|)";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), SoftsignProvider::softsign);
    }

    // softsign(x) = x/(1 + |x|), by PyTorch's kernel
    static NDArray softsign(NDArray x) {
        return ai.djl.nn.Activation.softSign(x);
    }
}
