package org.robustgrid.attacks;

import java.util.ArrayList;
import java.util.List;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** The parameters the three APGD providers share, with AutoAttack's defaults (autopgd_base.py, autoattack.py). */
final class ApgdProviders {

    /** The study's L∞ budget, 8/255. */
    static final double EPS = 8.0 / 255;
    /** AutoAttack's target classes for the targeted attacks. */
    static final int TARGETS = 9;

    private ApgdProviders() {}

    /** eps, norm, steps, restarts, rho, momentum, eot; then {@code extra}. */
    static List<ParamSpec> parameters(ParamSpec... extra) {
        List<ParamSpec> all = new ArrayList<>(List.of(
                ParamSpec.real("eps", EPS, 0, 1000, "radius of the ball in [0,1] pixel units (at most 1 for linf; RobustBench's l2 is 0.5)"),
                ParamSpec.choice("norm", "linf", List.of("linf", "l2"), "norm of the ball"),
                ParamSpec.integer("steps", 100, 1, 1_000_000, "iterations per run"),
                ParamSpec.integer("restarts", 1, 1, 1000, "random restarts, each on the images still robust"),
                ParamSpec.real("rho", 0.75, 0, 1, "a checkpoint halves the step when at most this share of steps raised the loss"),
                ParamSpec.real("momentum", 0.75, 0, 1, "weight of the new point against the previous step"),
                ParamSpec.integer("eot", 1, 1, 1000, "gradient passes averaged per iteration (expectation over transformation)")));
        all.addAll(List.of(extra));
        return all;
    }

    /** The attack the parameters name. */
    static Apgd create(String id, Params params, Apgd.Loss loss, int targets) {
        Budget.Norm norm = Budget.Norm.of(params.choice("norm"));
        double eps = params.real("eps");
        if (norm == Budget.Norm.LINF && eps > 1) {
            throw new SpecException("parameter 'eps' of '" + id + "' is " + Params.format(eps)
                    + " with norm=linf; expected a real in [0, 1] (pixels are in [0,1])");
        }
        return new Apgd(norm, eps, params.integer("steps"), params.integer("restarts"), params.real("rho"), params.real("momentum"), loss,
                targets, params.integer("eot"));
    }

    /** The {@code targets} parameter of the targeted attacks. */
    static ParamSpec targets() {
        return ParamSpec.integer("targets", TARGETS, 1, 999, "target classes: the 2nd to (targets+1)-th most likely of the clean image");
    }
}
