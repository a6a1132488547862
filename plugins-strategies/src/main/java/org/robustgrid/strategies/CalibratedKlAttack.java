package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;

/**
 * CalFAT's training attack: L∞ PGD on the TRADES objective between calibrated logits,
 * {@code max_{x'} KL(softmax(c(f(x))) || softmax(c(f(x'))))} with {@code c(z) = z + τ·log π}. It
 * needs no labels. It starts from {@code x + 0.001·N(0, I)} as TRADES does (at x itself the KL and
 * its gradient vanish), from the engine's random generator.
 */
final class CalibratedKlAttack implements Attack {

    /** Standard deviation of the random start, TRADES's 0.001. */
    static final float START_STD = 0.001f;

    private final double eps;
    private final double alpha;
    private final int steps;
    private final double tau;
    private final long[] classCounts;

    CalibratedKlAttack(double eps, double alpha, int steps, double tau, long[] classCounts) {
        this.eps = eps;
        this.alpha = alpha;
        this.steps = steps;
        this.tau = tau;
        this.classCounts = classCounts.clone();
    }

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray x0 = x.duplicate();
            x0.attach(scope);
            NDArray offset = Calibration.offsets(scope, classCounts, tau);
            NDArray target = model.logits(x0).add(offset);
            NDArray adv = project(x0.add(scope.randomNormal(0f, START_STD, x0.getShape(), x0.getDataType())), x0);
            for (int s = 0; s < steps; s++) {
                NDArray grad = model.gradient(adv, (xt, logits) -> Losses.kl(target, logits.add(offset))).grad();
                // x' ← Π_{‖x'−x‖∞ ≤ ε, [0,1]} (x' + α · sign(∇_{x'} KL(c(f(x)) ‖ c(f(x')))))
                adv = project(adv.add(grad.sign().mul((float) alpha)), x0);
            }
            adv.attach(caller);
            return adv;
        }
    }

    /**
     * Into the ε-ball around {@code x0}, then into the [0,1] box; x0 is in the box, so both hold.
     * Scalars are floats: a double would make the images float64.
     */
    private NDArray project(NDArray a, NDArray x0) {
        return a.minimum(x0.add((float) eps)).maximum(x0.sub((float) eps)).clip(0, 1);
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.LINF, eps));
    }
}
