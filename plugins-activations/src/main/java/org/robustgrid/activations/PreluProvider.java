package org.robustgrid.activations;

import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** Parametric ReLU (He et al. 2015): one learnable negative slope per block, like PyTorch's {@code nn.PReLU()}. */
public final class PreluProvider implements ActivationProvider {

    static final String INIT = "init";

    @Override
    public String id() {
        return "prelu";
    }

    @Override
    public String description() {
        return "PReLU: x for x > 0, a·x otherwise, one learnable slope a per place in the network";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(INIT, 0.25, 0, 1, "initial slope a (PyTorch default 0.25)"));
    }

    @Override
    public Activation create(Params params) {
        float init = (float) params.real(INIT);
        return () -> new PreluBlock(init);
    }
}
