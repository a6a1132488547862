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
 * Fast Gradient Sign Method (Goodfellow et al. 2015): one signed-gradient step of size ε.
 *
 * @param eps the L∞ radius, in [0,1] pixel units
 */
public record Fgsm(double eps) implements Attack {

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        try (NDManager it = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, it);
            NDArray oneHot = Perturbations.labels(y, it).oneHot(model.numClasses());
            NDArray g = model.gradient(x0, (xt, z) -> Losses.softCrossEntropy(z, oneHot)).grad();
            // x' = clip_[0,1](x + ε·sign(∇x L(f(x), y)))
            NDArray adv = x0.add(g.sign().mul(eps)).clip(0, 1);
            return Perturbations.keep(adv, outer);
        }
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.LINF, eps));
    }
}
