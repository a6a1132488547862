package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** {@code autoattack(eps=8/255,norm=linf,version=standard,steps=100,queries=5000)}: {@link AutoAttack}, one row with the ensemble's robust accuracy. */
public final class AutoAttackProvider implements AttackProvider {

    @Override
    public String id() {
        return "autoattack";
    }

    @Override
    public String description() {
        return "AutoAttack's cascade (standard: APGD-CE, APGD-T, FAB-T, Square 5000), each attack on the images still robust";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real("eps", ApgdProviders.EPS, 0, 1000, "radius in [0,1] pixel units (at most 1 for linf; RobustBench's l2 is 0.5)"),
                ParamSpec.choice("norm", "linf", List.of("linf", "l2"), "norm of the budget"),
                ParamSpec.choice("version", "standard", AutoAttack.VERSIONS, "the reference's versions: standard, plus (more restarts and"
                        + " attacks), rand (EOT, for randomized defences)"),
                ParamSpec.integer("steps", AutoAttack.STEPS, 1, 1_000_000, "iterations of each APGD and FAB run (the reference's 100)"),
                ParamSpec.integer("queries", AutoAttack.QUERIES, 1, 10_000_000, "Square's queries per image (the reference's 5,000)"));
    }

    @Override
    public Attack create(Params params) {
        Budget.Norm norm = Budget.Norm.of(params.choice("norm"));
        String version = params.choice("version");
        double eps = params.real("eps");
        if (norm == Budget.Norm.LINF && eps > 1) {
            throw new SpecException("parameter 'eps' of 'autoattack' is " + Params.format(eps)
                    + " with norm=linf; expected a real in [0, 1] (pixels are in [0,1])");
        }
        return AutoAttack.of(version, new Budget(norm, eps), params.integer("steps"), params.integer("queries"));
    }
}
