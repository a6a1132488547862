package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.Perturbations;

/**
 * CalFAT's training attack as the authors' code runs it (cc233/CalFAT, {@code utils.py}, {@code kl_adv}):
 * L∞ PGD that maximizes {@code KL(softmax c(f(x)) ‖ softmax c(f(x')))} between calibrated logits
 * ({@link Calibration}), the model in inference mode. It needs no labels. It starts from
 * {@code x + 0.001·N(0, I)}, not clipped (at x itself the KL and its gradient vanish), drawn from the
 * engine's random generator; each step moves by {@code alpha·sign(∇)}, then clips into the ε-ball
 * around x and into [0,1] in the code's clamp form ({@link Perturbations#clampLinf}). The code's KL
 * is summed over the batch and ours is its mean; a positive factor leaves every sign, and so every
 * step, unchanged.
 */
final class CalibratedKlAttack implements Attack {

    private final double eps;
    private final double alpha;
    private final int steps;
    private final double tau;
    private final double startStd;
    private final long[] classCounts;

    /**
     * @param eps L∞ budget in [0,1] pixel units
     * @param alpha step size
     * @param steps number of steps
     * @param tau calibration strength
     * @param startStd standard deviation of the random start
     * @param classCounts the client's examples per class
     */
    CalibratedKlAttack(double eps, double alpha, int steps, double tau, double startStd, long[] classCounts) {
        this.eps = eps;
        this.alpha = alpha;
        this.steps = steps;
        this.tau = tau;
        this.startStd = startStd;
        this.classCounts = classCounts.clone();
    }

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray noise = scope.randomNormal(0f, (float) startStd, x.getShape(), x.getDataType(), x.getDevice());
            NDArray start = x.add(noise);
            start.attach(scope);
            return perturbFrom(model, x, start);
        }
    }

    /**
     * The attack from a given start, for tests that must reproduce another implementation's random start.
     *
     * @return x' on {@code x}'s manager
     */
    NDArray perturbFrom(Classifier model, NDArray x, NDArray start) {
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray x0 = Perturbations.own(x, scope);
            NDArray offset = Calibration.offsets(scope, classCounts, tau);
            NDArray target = model.logits(x0).add(offset);
            NDArray adv = Perturbations.own(start, scope);
            for (int s = 0; s < steps; s++) {
                NDArray grad = model.gradient(adv, (xt, logits) -> Losses.kl(target, logits.add(offset))).grad();
                // x' ← clip_[0,1](clip_[x−ε, x+ε](x' + α · sign(∇_{x'} KL(c(f(x)) ‖ c(f(x'))))))
                adv = Perturbations.clampLinf(adv.add(grad.sign().mul((float) alpha)), x0, eps);
            }
            return Perturbations.keep(adv, caller);
        }
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.LINF, eps));
    }
}
