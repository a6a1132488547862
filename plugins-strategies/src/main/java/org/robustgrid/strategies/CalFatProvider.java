package org.robustgrid.strategies;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/**
 * {@code calfat(tau=1,beta=6,eps=8/255,alpha=2/255,steps=10)}: CalFAT, prior-calibrated TRADES loss
 * and KL training attack per client, equal-weight averaging.
 */
public final class CalFatProvider implements StrategyProvider {

    static final String TAU = "tau";
    static final String BETA = "beta";
    static final String EPS = "eps";
    static final String ALPHA = "alpha";
    static final String STEPS = "steps";

    @Override
    public String id() {
        return "calfat";
    }

    @Override
    public String description() {
        return "CalFAT: prior-calibrated TRADES loss and KL attack, equal-weight averaging (Chen et al. 2022)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(TAU, 1, 0, 10, "calibration strength: logits + tau * log(class prior)"),
                ParamSpec.real(BETA, 6, 0, 100, "weight of the KL (robustness) term, as TRADES's beta"),
                ParamSpec.real(EPS, 8.0 / 255, 0, 1, "L-infinity budget of the training attack, in [0,1] pixel units"),
                ParamSpec.real(ALPHA, 2.0 / 255, 0, 1, "step size of the training attack"),
                ParamSpec.integer(STEPS, 10, 1, 1000, "steps of the training attack"));
    }

    @Override
    public Strategy create(Params params) {
        return new CalFat(params.real(TAU), params.real(BETA), params.real(EPS), params.real(ALPHA), params.integer(STEPS));
    }
}
