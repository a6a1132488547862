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
 * Projected Gradient Descent (Madry et al. 2018) on the cross-entropy, in an L∞ or L2 ball.
 *
 * <p>With several restarts each image keeps the first restart's result that fools the model, or the
 * last restart's result when none does.
 *
 * @param norm the ball's norm
 * @param eps the ball's radius, in [0,1] pixel units
 * @param alpha the step size: per pixel for L∞, the step's L2 length for L2
 * @param steps gradient steps per restart, at least 1
 * @param randomStart start from a uniform point of the ball (L∞) or a random direction at a uniform
 *     radius (L2) instead of from x
 * @param restarts independent runs, at least 1
 */
public record Pgd(Budget.Norm norm, double eps, double alpha, int steps, boolean randomStart, int restarts)
        implements Attack {

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            NDArray oneHot = labels.oneHot(model.numClasses());
            NDArray best = null;
            NDArray fooled = null;
            for (int r = 0; r < restarts; r++) {
                NDArray adv = run(model, x0, oneHot, work);
                if (best == null) {
                    best = adv;
                } else {
                    try (NDManager it = work.newSubManager()) {
                        Perturbations.retire(it, best, adv);
                        best = Perturbations.keep(Perturbations.select(fooled, best, adv), work);
                    }
                }
                if (r == restarts - 1) {
                    break;
                }
                boolean all;
                try (NDManager it = work.newSubManager()) {
                    NDArray now = Perturbations.fooled(model.logits(Perturbations.own(best, it)), labels);
                    all = now.all().getBoolean();
                    if (fooled != null) {
                        Perturbations.retire(it, fooled);
                    }
                    fooled = Perturbations.keep(now, work);
                }
                if (all) {
                    break;
                }
            }
            return Perturbations.keep(best, outer);
        }
    }

    private NDArray run(Classifier model, NDArray x0, NDArray oneHot, NDManager work) {
        NDArray adv = randomStart ? start(x0, work) : Perturbations.own(x0, work);
        for (int t = 0; t < steps; t++) {
            try (NDManager it = work.newSubManager()) {
                Perturbations.retire(it, adv);
                NDArray g = model.gradient(adv, (xt, z) -> Losses.softCrossEntropy(z, oneHot)).grad();
                NDArray next;
                if (norm == Budget.Norm.LINF) {
                    // x ← Π_{B∞(x0,ε)}(x + α·sign(∇x L))
                    next = Perturbations.projectLinf(adv.add(g.sign().mul(alpha)), x0, eps);
                } else {
                    // x ← Π_{B2(x0,ε)}(x + α·∇x L / ‖∇x L‖₂)
                    NDArray unit = g.div(Perturbations.broadcastable(Perturbations.l2(g).add(Perturbations.TINY), g));
                    next = Perturbations.projectL2(adv.add(unit.mul(alpha)), x0, eps);
                }
                adv = Perturbations.keep(next, work);
            }
        }
        return adv;
    }

    private NDArray start(NDArray x0, NDManager work) {
        try (NDManager it = work.newSubManager()) {
            NDArray delta;
            if (norm == Budget.Norm.LINF) {
                delta = it.randomUniform((float) -eps, (float) eps, x0.getShape());
            } else {
                NDArray dir = it.randomNormal(x0.getShape());
                NDArray radius = it.randomUniform(0f, 1f, Perturbations.perImage(x0)).mul(eps);
                delta = dir.div(Perturbations.broadcastable(Perturbations.l2(dir).add(Perturbations.TINY), dir)).mul(radius);
            }
            // Projection keeps the start inside the budget despite float rounding of ε.
            NDArray start = norm == Budget.Norm.LINF
                    ? Perturbations.projectLinf(delta.add(x0), x0, eps)
                    : Perturbations.projectL2(delta.add(x0), x0, eps);
            return Perturbations.keep(start, work);
        }
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(norm, eps));
    }
}
