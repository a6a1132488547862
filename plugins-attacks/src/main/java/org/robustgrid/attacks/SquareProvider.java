package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code square(eps=8/255,queries=1000,p-init=0.8)}: {@link SquareAttack}. */
public final class SquareProvider implements AttackProvider {

    /** The study's L∞ budget, 8/255. */
    public static final double EPS = 8.0 / 255;

    @Override
    public String id() {
        return "square";
    }

    @Override
    public String description() {
        return "Square Attack, L-inf, score-based black-box random search on the margin loss (logits only)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("eps", EPS, 0, 1, "L-inf radius in [0,1] pixel units"),
                ParamSpec.integer("queries", 1000, 1, 10_000_000, "model evaluations per image"),
                ParamSpec.real("p-init", 0.8, 1e-6, 1, "initial share of pixels a square window covers"));
    }

    @Override
    public Attack create(Params params) {
        return new SquareAttack(params.real("eps"), params.integer("queries"), params.real("p-init"));
    }
}
