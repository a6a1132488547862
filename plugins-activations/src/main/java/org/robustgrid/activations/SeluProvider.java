package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/** SELU (Klambauer et al. 2017), with the self-normalizing constants PyTorch uses. */
public final class SeluProvider implements ActivationProvider {

    /** α of SELU, as in PyTorch. */
    public static final double ALPHA = 1.6732632423543772848170429916717;

    /** λ (scale) of SELU, as in PyTorch. */
    public static final double SCALE = 1.0507009873554804934193349852946;

    @Override
    public String id() {
        return "selu";
    }

    @Override
    public String description() {
        return "SELU: scale·(x for x > 0, alpha·(exp(x) - 1) otherwise), alpha≈1.6733, scale≈1.0507";
    }

    @Override
    public Activation create(Params params) {
        return Elementwise.of(id(), SeluProvider::selu);
    }

    // selu(x) = SCALE·(x if x > 0 else ALPHA·(exp(x) - 1)), by PyTorch's kernel
    static NDArray selu(NDArray x) {
        return ai.djl.nn.Activation.selu(x);
    }
}
