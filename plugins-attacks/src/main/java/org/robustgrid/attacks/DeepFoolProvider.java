package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/** {@code deepfool(steps=50,overshoot=0.02)}: {@link DeepFool}. */
public final class DeepFoolProvider implements AttackProvider {

    @Override
    public String id() {
        return "deepfool";
    }

    @Override
    public String description() {
        return "DeepFool, multi-class, minimum-norm L2: steps to the nearest linearized boundary until misclassified";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.integer("steps", 50, 1, 1_000_000, "most linearization steps"),
                ParamSpec.real("overshoot", 0.02, 0, 10, "the total perturbation is scaled by 1 + overshoot"));
    }

    @Override
    public Attack create(Params params) {
        return new DeepFool(params.integer("steps"), params.real("overshoot"));
    }
}
