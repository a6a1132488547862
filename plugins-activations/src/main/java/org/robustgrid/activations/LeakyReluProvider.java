package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** Leaky ReLU: a fixed small slope for negative inputs. */
public final class LeakyReluProvider implements ActivationProvider {

    static final String NEGATIVE_SLOPE = "negative-slope";

    @Override
    public String id() {
        return "leaky-relu";
    }

    @Override
    public String description() {
        return "Leaky ReLU: x for x > 0, negative-slope·x otherwise";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(NEGATIVE_SLOPE, 0.01, 0, 1, "slope for x <= 0 (PyTorch default 0.01)"));
    }

    @Override
    public Activation create(Params params) {
        float slope = (float) params.real(NEGATIVE_SLOPE);
        return Elementwise.of(id(), x -> leakyRelu(x, slope));
    }

    // leaky_relu(x) = x if x > 0 else slope·x, by PyTorch's kernel (gradient slope at 0)
    static NDArray leakyRelu(NDArray x, float slope) {
        return ai.djl.nn.Activation.leakyRelu(x, slope);
    }
}
