package org.robustgrid.attacks;

import java.util.List;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/**
 * The {@code eps} and {@code norm} parameters of a minimum-norm attack: the budget it is reported at,
 * which never changes its perturbation.
 */
final class EvaluationBudgets {

    /** The study's L∞ budget, 8/255 (RobustBench's on CIFAR-10). */
    static final double LINF_EPS = 8.0 / 255;
    /** RobustBench's L2 budget on CIFAR-10, 0.5. */
    static final double L2_EPS = 0.5;

    private EvaluationBudgets() {}

    /**
     * The two declarations, with the attack's default norm and radius.
     *
     * @param norm the default norm
     * @param eps the default radius, in [0,1] pixel units
     */
    static List<ParamSpec> parameters(Budget.Norm norm, double eps) {
        return List.of(
                ParamSpec.real("eps", eps, 0, 1000,
                        "budget the results are reported at, [0,1] pixel units (at most 1 for linf); the attack does not project into it"),
                ParamSpec.choice("norm", norm.id(), List.of("linf", "l2"), "norm of the reporting budget"));
    }

    /**
     * The budget the parameters name.
     *
     * @param id the attack's id, for messages
     * @throws SpecException when an L∞ radius exceeds 1, the whole pixel range
     */
    static Budget of(String id, Params params) {
        Budget.Norm norm = Budget.Norm.of(params.choice("norm"));
        double eps = params.real("eps");
        if (norm == Budget.Norm.LINF && eps > 1) {
            throw new SpecException("parameter 'eps' of '" + id + "' is " + Params.format(eps)
                    + " with norm=linf; expected a real in [0, 1] (pixels are in [0,1])");
        }
        return new Budget(norm, eps);
    }
}
