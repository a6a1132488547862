package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.Perturbations;

/**
 * Momentum Iterative FGSM (Dong et al. 2018): signed steps along an accumulated, L1-normalized
 * gradient, from x, inside the L∞ ball.
 *
 * @param eps the L∞ radius, in [0,1] pixel units
 * @param steps iterations, at least 1
 * @param alpha the step per pixel; 0 means ε/steps, as in the paper
 * @param decay μ, the momentum's decay factor
 */
public record MiFgsm(double eps, int steps, double alpha, double decay) implements Attack {

    /** The step actually taken: {@link #alpha} or, when it is 0, ε/steps. */
    public double step() {
        return alpha > 0 ? alpha : eps / steps;
    }

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray oneHot = Perturbations.labels(y, work).oneHot(model.numClasses());
            NDArray adv = Perturbations.own(x0, work);
            NDArray g = work.zeros(x0.getShape());
            double a = step();
            for (int t = 0; t < steps; t++) {
                try (NDManager it = work.newSubManager()) {
                    Perturbations.retire(it, adv, g);
                    NDArray grad = model.gradient(adv, (xt, z) -> Losses.softCrossEntropy(z, oneHot)).grad();
                    NDArray l1 = Perturbations.broadcastable(Perturbations.l1(grad).add(Perturbations.TINY), grad);
                    // g ← μ·g + ∇x L / ‖∇x L‖₁
                    g = g.mul(decay).add(grad.div(l1));
                    // x ← Π_{B∞(x0,ε)}(x + α·sign(g))
                    adv = Perturbations.projectLinf(adv.add(g.sign().mul(a)), x0, eps);
                    Perturbations.keep(g, work);
                    Perturbations.keep(adv, work);
                }
            }
            return Perturbations.keep(adv, outer);
        }
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.LINF, eps));
    }
}
