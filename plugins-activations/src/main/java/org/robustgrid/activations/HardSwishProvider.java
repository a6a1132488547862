package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Scalars;

/** Hard Swish, also called HardSiLU (Howard et al. 2019, MobileNetV3). */
public final class HardSwishProvider implements ActivationProvider {

    @Override
    public String id() {
        return "hard-swish";
    }

    @Override
    public String description() {
        return "Hard Swish x·relu6(x + 3)/6: 0 below -3, x above 3";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), HardSwishProvider::hardSwish);
    }

    // hard_swish(x) = x·min(max(x + 3, 0), 6)/6; at ±3 the gradient is PyTorch's, x/3 + 1/2
    static NDArray hardSwish(NDArray x) {
        return x.mul(x.add(3f).clip(0f, 6f)).div(Scalars.of(x, 6)); // not div(6f): see Scalars
    }
}
