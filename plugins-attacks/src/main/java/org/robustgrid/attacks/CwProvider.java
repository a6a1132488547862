package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code cw(c=1,binary-search-steps=1,steps=100,lr=0.01,confidence=0,abort-early=true)}: {@link CarliniWagnerL2}. */
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
        return List.of(
                ParamSpec.real("c", 1, 1e-9, 1e9, "initial constant c weighting the margin loss"),
                ParamSpec.integer("binary-search-steps", 1, 1, 100, "outer steps; 1 keeps c fixed, more search c per image"),
                ParamSpec.integer("steps", 100, 1, 1_000_000, "Adam steps per outer step"),
                ParamSpec.real("lr", 0.01, 1e-9, 100, "Adam learning rate on the tanh variable w"),
                ParamSpec.real("confidence", 0, 0, 1e6, "kappa, the logit margin a success must have"),
                ParamSpec.bool("abort-early", true, "stop an outer step when the loss stops falling"));
    }

    @Override
    public Attack create(Params params) {
        return new CarliniWagnerL2(params.real("c"), params.integer("binary-search-steps"), params.integer("steps"),
                params.real("lr"), params.real("confidence"), params.bool("abort-early"));
    }
}
