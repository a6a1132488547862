package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** HardTanh: the identity clipped to [min, max]. */
public final class HardTanhProvider implements ActivationProvider {

    static final String MIN = "min";
    static final String MAX = "max";

    @Override
    public String id() {
        return "hard-tanh";
    }

    @Override
    public String description() {
        return "HardTanh: x clipped to [min, max]";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(MIN, -1, -1000, 1000, "lower end of the linear region (PyTorch default -1)"),
                ParamSpec.real(MAX, 1, -1000, 1000, "upper end of the linear region (PyTorch default 1)"));
    }

    /** @throws SpecException when {@code min >= max}, naming both keys */
    @Override
    public Activation create(Params params) {
        double min = params.real(MIN);
        double max = params.real(MAX);
        if (min >= max) {
            throw new SpecException("parameter 'min' (" + Params.format(min) + ") of '" + id()
                    + "' is not below parameter 'max' (" + Params.format(max) + "); expected min < max");
        }
        return Elementwise.of(id(), x -> hardTanh(x, (float) min, (float) max));
    }

    // hard_tanh(x) = min(max(x, min), max); its gradient is 1 strictly inside (min, max) and 0 at and
    // beyond the corners, as PyTorch's hardtanh_backward (clip alone would pass 1 at the corners)
    static NDArray hardTanh(NDArray x, float min, float max) {
        return NDArrays.where(x.gt(min).logicalAnd(x.lt(max)), x, x.clip(min, max).stopGradient());
    }
}
