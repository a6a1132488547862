package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Scalars;

/** CELU (Barron 2017): ELU rescaled so that it is continuously differentiable for every alpha. */
public final class CeluProvider implements ActivationProvider {

    static final String ALPHA = "alpha";

    @Override
    public String id() {
        return "celu";
    }

    @Override
    public String description() {
        return "CELU: x for x > 0, alpha·(exp(x/alpha) - 1) otherwise";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(ALPHA, 1, 0.01, 100, "scale of the negative part (PyTorch default 1)"));
    }

    @Override
    public Activation create(Params params) {
        float alpha = (float) params.real(ALPHA);
        return Elementwise.of(id(), x -> celu(x, alpha));
    }

    // celu(x) = max(0, x) + min(0, alpha·(exp(x/alpha) - 1)) = alpha·elu(x/alpha), as PyTorch computes it
    static NDArray celu(NDArray x, float alpha) {
        NDArray a = Scalars.of(x, alpha); // not div(float): see Scalars
        return EluProvider.elu(x.div(a), 1f).mul(a);
    }
}
