package org.robustgrid.strategies;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/** {@code trimmed-mean(beta=0.1)}: coordinate-wise β-trimmed mean of client states; β must be below 0.5. */
public final class TrimmedMeanProvider implements StrategyProvider {

    static final String BETA = "beta";

    @Override
    public String id() {
        return "trimmed-mean";
    }

    @Override
    public String description() {
        return "coordinate-wise mean after dropping the beta fraction largest and smallest client values (Yin et al. 2018)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.real(BETA, 0.1, 0, 0.5, "share of clients dropped at each end, per coordinate; below 0.5"));
    }

    @Override
    public Strategy create(Params params) {
        double beta = params.real(BETA);
        if (beta >= 0.5) {
            throw new SpecException("parameter 'beta' of 'trimmed-mean' is " + Params.format(beta)
                    + "; expected a real in [0, 0.5) so that some client values remain");
        }
        return new TrimmedMean(beta);
    }
}
