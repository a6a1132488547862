package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** {@code pgd(norm=linf,eps=8/255,alpha=2/255,steps=10,random-start=true,restarts=1)}: {@link Pgd}. */
public final class PgdProvider implements AttackProvider {

    /** The study's budget, 8/255. */
    public static final double EPS = 8.0 / 255;
    /** The study's step, 2/255. */
    public static final double ALPHA = 2.0 / 255;
    /** The study's training attack takes 10 steps (its evaluation uses PGD-20: {@code steps=20}). */
    public static final int STEPS = 10;

    @Override
    public String id() {
        return "pgd";
    }

    @Override
    public String description() {
        return "Projected Gradient Descent on cross-entropy, L-inf or L2 ball, random start and restarts";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.choice("norm", "linf", List.of("linf", "l2"), "the ball's norm"),
                ParamSpec.real("eps", EPS, 0, 1000, "radius in [0,1] pixel units (at most 1 for linf)"),
                ParamSpec.real("alpha", ALPHA, 0, 1000, "step: per pixel for linf, L2 length of the step for l2"),
                ParamSpec.integer("steps", STEPS, 1, 1_000_000, "gradient steps per restart"),
                ParamSpec.bool("random-start", true, "start from a random point of the ball"),
                ParamSpec.integer("restarts", 1, 1, 10_000, "runs; each image keeps the first that fools, else the last"));
    }

    @Override
    public Attack create(Params params) {
        Budget.Norm norm = params.choice("norm").equals("linf") ? Budget.Norm.LINF : Budget.Norm.L2;
        double eps = params.real("eps");
        if (norm == Budget.Norm.LINF && eps > 1) {
            throw new SpecException("parameter 'eps' of 'pgd' is " + Params.format(eps)
                    + " with norm=linf; expected a real in [0, 1] (pixels are in [0,1])");
        }
        return new Pgd(norm, eps, params.real("alpha"), params.integer("steps"), params.bool("random-start"),
                params.integer("restarts"));
    }
}
