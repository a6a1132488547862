package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code apgd-ce(eps=8/255,steps=100,rho=0.75,momentum=0.75)}: {@link ApgdCe}. */
public final class ApgdCeProvider implements AttackProvider {

    /** The study's L∞ budget, 8/255. */
    public static final double EPS = 8.0 / 255;

    @Override
    public String id() {
        return "apgd-ce";
    }

    @Override
    public String description() {
        return "AutoAttack's APGD on cross-entropy, L-inf: momentum and self-halving step size, no step to tune";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("eps", EPS, 0, 1, "L-inf radius in [0,1] pixel units"),
                ParamSpec.integer("steps", 100, 1, 1_000_000, "iterations"),
                ParamSpec.real("rho", 0.75, 0, 1, "a checkpoint halves the step when at most this share of steps raised the loss"),
                ParamSpec.real("momentum", 0.75, 0, 1, "weight of the new point against the previous step"));
    }

    @Override
    public Attack create(Params params) {
        return new ApgdCe(params.real("eps"), params.integer("steps"), params.real("rho"), params.real("momentum"));
    }
}
