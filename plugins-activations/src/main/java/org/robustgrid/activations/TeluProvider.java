package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** TeLU (Fernandez and Mali 2024), x·tanh(eˣ): close to the identity for x > 0, smooth, bounded below. */
public final class TeluProvider implements ActivationProvider {

    /**
     * Above this, tanh(eˣ) is 1 in float32 and in float64 (it is from x ≈ 3), so clamping x here changes
     * no value while keeping eˣ finite and its gradient free of 0·inf.
     */
    static final float EXP_CLAMP = 20f;

    @Override
    public String id() {
        return "telu";
    }

    @Override
    public String description() {
        return "TeLU x·tanh(exp(x))";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), TeluProvider::telu);
    }

    // telu(x) = x·tanh(exp(min(x, 20)))
    static NDArray telu(NDArray x) {
        return x.mul(x.clip(Float.NEGATIVE_INFINITY, EXP_CLAMP).exp().tanh());
    }
}
