package org.robustgrid.attacks;

import java.util.ArrayList;
import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/**
 * {@code fab(steps=100,restarts=1,alpha-max=0.1,eta=1.05,beta=0.9,eps=8/255,norm=linf)}: {@link Fab}, untargeted, with
 * the defaults of AutoAttack's fab_base.py (its plus version runs 5 restarts); minimum-norm in {@code norm}, reported at
 * {@code eps}.
 */
public final class FabProvider implements AttackProvider {

    @Override
    public String id() {
        return "fab";
    }

    @Override
    public String description() {
        return "FAB, minimum-norm L-inf or L2: steps to the projection onto the nearest linearised boundary, biased to the clean image";
    }

    @Override
    public List<ParamSpec> parameters() {
        return parameters(List.of());
    }

    /** The parameters of both FAB providers, {@code extra} before the reporting budget. */
    static List<ParamSpec> parameters(List<ParamSpec> extra) {
        List<ParamSpec> all = new ArrayList<>(List.of(
                ParamSpec.integer("steps", 100, 1, 1_000_000, "iterations per run"),
                ParamSpec.integer("restarts", 1, 1, 1000, "runs (per target), the first from the clean image, later ones from a random point at eps/2"),
                ParamSpec.real("alpha-max", 0.1, 0, 1, "the largest weight of the clean image's projection"),
                ParamSpec.real("eta", 1.05, 1, 10, "overshoot of each projection step"),
                ParamSpec.real("beta", 0.9, 0, 1, "pull back towards the clean image after a success")));
        all.addAll(extra);
        all.addAll(EvaluationBudgets.parameters(Budget.Norm.LINF, EvaluationBudgets.LINF_EPS));
        return all;
    }

    /** The attack the parameters name. */
    static Fab create(String id, Params params, int targets) {
        return new Fab(params.integer("steps"), params.integer("restarts"), targets, params.real("alpha-max"), params.real("eta"),
                params.real("beta"), EvaluationBudgets.of(id, params), false);
    }

    @Override
    public Attack create(Params params) {
        return create(id(), params, 0);
    }
}
