package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** {@code square(eps=8/255,norm=linf,queries=1000,p-init=0.8)}: {@link SquareAttack} in L∞, {@link SquareL2} in L2. */
public final class SquareProvider implements AttackProvider {

    /** The study's L∞ budget, 8/255. */
    public static final double EPS = 8.0 / 255;

    @Override
    public String id() {
        return "square";
    }

    @Override
    public String description() {
        return "Square Attack, L-inf or L2, score-based black-box random search on the margin loss (logits only)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("eps", EPS, 0, 1000, "radius in [0,1] pixel units (at most 1 for linf; RobustBench's l2 is 0.5)"),
                ParamSpec.choice("norm", "linf", List.of("linf", "l2"), "norm of the ball"),
                ParamSpec.integer("queries", 1000, 1, 10_000_000, "model evaluations per image"),
                ParamSpec.real("p-init", 0.8, 1e-6, 1, "initial share of pixels a square window covers"));
    }

    @Override
    public Attack create(Params params) {
        double eps = params.real("eps");
        if (params.choice("norm").equals("l2")) {
            return new SquareL2(eps, params.integer("queries"), params.real("p-init"), true);
        }
        if (eps > 1) {
            throw new SpecException("parameter 'eps' of 'square' is " + Params.format(eps)
                    + " with norm=linf; expected a real in [0, 1] (pixels are in [0,1])");
        }
        return new SquareAttack(eps, params.integer("queries"), params.real("p-init"));
    }
}
