package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Scalars;

/** GELU (Hendrycks and Gimpel 2016), exact or with PyTorch's tanh approximation. */
public final class GeluProvider implements ActivationProvider {

    static final String APPROXIMATE = "approximate";
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float CUBIC = 0.044715f;

    @Override
    public String id() {
        return "gelu";
    }

    @Override
    public String description() {
        return "GELU x·Φ(x), Φ the standard normal CDF; approximate=tanh for the tanh form";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.choice(APPROXIMATE, "none", List.of("none", "tanh"),
                "none: exact, with erf; tanh: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (PyTorch default none)"));
    }

    @Override
    public Activation create(Params params) {
        return params.choice(APPROXIMATE).equals("tanh")
                ? Elementwise.of(id(), GeluProvider::geluTanh)
                : Elementwise.of(id(), GeluProvider::gelu);
    }

    // gelu(x) = x·Φ(x) = 0.5·x·(1 + erf(x/√2)), by PyTorch's kernel
    static NDArray gelu(NDArray x) {
        return ai.djl.nn.Activation.gelu(x);
    }

    // gelu(x) ≈ 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    static NDArray geluTanh(NDArray x) {
        // constants as arrays, not floats: see Scalars
        NDArray inner = x.add(x.pow(Scalars.of(x, 3)).mul(Scalars.of(x, CUBIC))).mul(Scalars.of(x, SQRT_2_OVER_PI));
        return x.mul(Scalars.of(x, 0.5)).mul(inner.tanh().add(1f));
    }
}
