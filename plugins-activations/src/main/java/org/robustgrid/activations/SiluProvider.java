package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** SiLU, also called Swish with beta 1 (Elfwing et al. 2018; Ramachandran et al. 2017). */
public final class SiluProvider implements ActivationProvider {

    @Override
    public String id() {
        return "silu";
    }

    @Override
    public String description() {
        return "SiLU x·sigmoid(x)";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), SiluProvider::silu);
    }

    // silu(x) = x·σ(x); σ saturates to 0 or 1 without overflow, so this is finite everywhere
    static NDArray silu(NDArray x) {
        return x.mul(ai.djl.nn.Activation.sigmoid(x));
    }
}
