package org.robustgrid.activations;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Scalars;

/** Softplus, a smooth ReLU; linear above a threshold as in PyTorch. */
public final class SoftplusProvider implements ActivationProvider {

    static final String BETA = "beta";
    static final String THRESHOLD = "threshold";

    @Override
    public String id() {
        return "softplus";
    }

    @Override
    public String description() {
        return "Softplus log(1 + exp(beta·x))/beta, and x where beta·x > threshold";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(BETA, 1, 0.01, 100, "sharpness (PyTorch default 1)"),
                ParamSpec.real(THRESHOLD, 20, 1, 80, "beta·x above which the function is x itself (PyTorch default 20)"));
    }

    @Override
    public Activation create(Params params) {
        float beta = (float) params.real(BETA);
        float threshold = (float) params.real(THRESHOLD);
        return Elementwise.of(id(), x -> softplus(x, beta, threshold));
    }

    // softplus(x) = x if beta·x > threshold else log(1 + exp(beta·x))/beta
    static NDArray softplus(NDArray x, float beta, float threshold) {
        NDArray b = Scalars.of(x, beta); // not mul(float): see Scalars
        NDArray bx = x.mul(b);
        // exp of the clamped argument: the branch not taken must stay finite, or its gradient is 0·inf
        NDArray smooth = bx.clip(Float.NEGATIVE_INFINITY, threshold).exp().add(1f).log().div(b);
        return NDArrays.where(bx.gt(threshold), x, smooth);
    }
}
