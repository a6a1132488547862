package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/**
 * Mish (Misra 2019). Not DJL's {@code Activation.mish}, which takes log base 2 of 1 + eˣ and whose
 * gradient is NaN once eˣ overflows.
 */
public final class MishProvider implements ActivationProvider {

    @Override
    public String id() {
        return "mish";
    }

    @Override
    public String description() {
        return "Mish x·tanh(softplus(x))";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), MishProvider::mish);
    }

    // mish(x) = x·tanh(softplus(x)), softplus with PyTorch's beta 1 and threshold 20 so it never overflows
    static NDArray mish(NDArray x) {
        return x.mul(SoftplusProvider.softplus(x, 1f, 20f).tanh());
    }
}
