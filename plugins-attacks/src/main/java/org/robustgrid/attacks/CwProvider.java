package org.robustgrid.attacks;

import java.util.List;
import java.util.stream.Stream;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/**
 * {@code cw(c=1,binary-search-steps=1,steps=100,lr=0.01,confidence=0,abort-early=true,eps=0.5,norm=l2)}:
 * {@link CarliniWagnerL2}, reported at RobustBench's L2 budget 0.5 unless {@code eps} and {@code norm} say
 * otherwise (C&amp;W minimizes the L2 norm, so an L2 budget measures what it optimizes).
 */
public final class CwProvider implements AttackProvider {

    @Override
    public String id() {
        return "cw";
    }

    @Override
    public String description() {
        return "Carlini-Wagner L2, minimum-norm: Adam on a tanh box, optional binary search over c";
    }

    @Override
    public List<ParamSpec> parameters() {
        return Stream.concat(Stream.of(
                ParamSpec.real("c", 1, 1e-9, 1e9, "initial constant c weighting the margin loss"),
                ParamSpec.integer("binary-search-steps", 1, 1, 100, "outer steps; 1 keeps c fixed, more search c per image"),
                ParamSpec.integer("steps", 100, 1, 1_000_000, "Adam steps per outer step"),
                ParamSpec.real("lr", 0.01, 1e-9, 100, "Adam learning rate on the tanh variable w"),
                ParamSpec.real("confidence", 0, 0, 1e6, "kappa, the logit margin a success must have"),
                ParamSpec.bool("abort-early", true, "stop an outer step when the loss stops falling")),
                EvaluationBudgets.parameters(Budget.Norm.L2, EvaluationBudgets.L2_EPS).stream()).toList();
    }

    @Override
    public Attack create(Params params) {
        return new CarliniWagnerL2(params.real("c"), params.integer("binary-search-steps"), params.integer("steps"),
                params.real("lr"), params.real("confidence"), params.bool("abort-early"), EvaluationBudgets.of(id(), params));
    }
}
