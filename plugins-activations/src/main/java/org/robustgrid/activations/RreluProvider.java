package org.robustgrid.activations;

import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** Randomized leaky ReLU (Xu et al. 2015): a random negative slope in training, its mean in evaluation. */
public final class RreluProvider implements ActivationProvider {

    static final String LOWER = "lower";
    static final String UPPER = "upper";

    @Override
    public String id() {
        return "rrelu";
    }

    @Override
    public String description() {
        return "RReLU: x for x > 0, a·x otherwise, a ~ U(lower, upper) per element in training, (lower + upper)/2 in evaluation";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(LOWER, 1.0 / 8, 0, 1, "smallest negative slope (PyTorch default 1/8)"),
                ParamSpec.real(UPPER, 1.0 / 3, 0, 1, "largest negative slope (PyTorch default 1/3)"));
    }

    /** @throws SpecException when {@code lower > upper}, naming both keys */
    @Override
    public Activation create(Params params) {
        double lower = params.real(LOWER);
        double upper = params.real(UPPER);
        if (lower > upper) {
            throw new SpecException("parameter 'lower' (" + Params.format(lower) + ") of '" + id()
                    + "' exceeds parameter 'upper' (" + Params.format(upper) + "); expected lower <= upper");
        }
        return () -> new RreluBlock((float) lower, (float) upper);
    }
}
