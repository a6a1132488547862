package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** ELU (Clevert et al. 2016). */
public final class EluProvider implements ActivationProvider {

    static final String ALPHA = "alpha";

    @Override
    public String id() {
        return "elu";
    }

    @Override
    public String description() {
        return "ELU: x for x > 0, alpha·(exp(x) - 1) otherwise";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(ALPHA, 1, 0, 100, "value approached as x goes to minus infinity, negated (PyTorch default 1)"));
    }

    @Override
    public Activation create(Params params) {
        float alpha = (float) params.real(ALPHA);
        return Elementwise.of(id(), x -> elu(x, alpha));
    }

    // elu(x) = x if x > 0 else alpha·(exp(x) - 1), by PyTorch's kernel
    static NDArray elu(NDArray x, float alpha) {
        return ai.djl.nn.Activation.elu(x, alpha);
    }
}
