package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;

/**
 * APGD-CE, AutoAttack's step-size-free PGD on the cross-entropy in an L∞ ball (Croce and Hein
 * 2020): momentum 0.75, a step size that starts at 2ε and halves per image at checkpoints where the
 * loss oscillated or stalled, restarting from the best point.
 *
 * <p>Checkpoints as in the authors' code: the first after ⌊0.22·steps⌋ iterations, each next gap
 * 3% of the steps shorter, but at least 6%. At a checkpoint an image's step size halves when the
 * loss increased in at most ρ of the gap's iterations, or when its step size did not change at the
 * last checkpoint and its best loss has not improved since.
 *
 * <p>Returns, per image, the last misclassified iterate when one was found (the clean image when it
 * is already misclassified, as AutoAttack, which only attacks correctly classified points), else
 * the iterate of highest loss.
 *
 * @param eps the L∞ radius, in [0,1] pixel units
 * @param steps iterations, at least 1
 * @param rho ρ, the fraction of loss increases below which a gap counts as oscillating
 * @param momentum α, the weight of the new point against the previous step
 */
public record ApgdCe(double eps, int steps, double rho, double momentum) implements Attack {

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            NDArray oneHot = labels.oneHot(model.numClasses());
            Shape n = new Shape(x0.getShape().get(0));

            NDArray adv;
            NDArray grad;
            NDArray loss;
            NDArray fooled;
            NDArray xBestAdv;
            try (NDManager it = work.newSubManager()) {
                NDArray t = it.randomUniform(-1f, 1f, x0.getShape());
                NDArray start = t.div(Perturbations.broadcastable(Perturbations.linf(t).add(Perturbations.TINY), t)).mul(eps).add(x0);
                adv = Perturbations.keep(Perturbations.projectLinf(start, x0, eps), work);
                NDArray clean = Perturbations.fooled(model.logits(Perturbations.own(x0, it)), labels);
                Classifier.InputGradient ig = model.gradient(adv, (xt, z) -> Perturbations.crossEntropy(z, oneHot).sum());
                grad = Perturbations.keep(ig.grad(), work);
                loss = Perturbations.keep(Perturbations.crossEntropy(ig.logits(), oneHot), work);
                fooled = Perturbations.keep(clean.logicalOr(Perturbations.fooled(ig.logits(), labels)), work);
                xBestAdv = Perturbations.keep(Perturbations.select(clean, Perturbations.own(x0, it), adv), work);
            }
            NDArray advOld = Perturbations.own(adv, work);
            NDArray xBest = Perturbations.own(adv, work);
            NDArray gradBest = Perturbations.own(grad, work);
            NDArray lossBest = Perturbations.own(loss, work);
            NDArray prevLoss = loss;
            NDArray lossBestLastCheck = Perturbations.own(loss, work);
            NDArray reducedLast = work.ones(n, DataType.BOOLEAN);
            NDArray increases = work.zeros(n);
            NDArray stepSize = work.full(n, (float) (2 * eps));

            Set<Integer> checkpoints = new HashSet<>(checkpoints(steps));
            int lastCheck = 0;
            for (int i = 0; i < steps; i++) {
                try (NDManager it = work.newSubManager()) {
                    Perturbations.retire(it, adv, advOld, grad, gradBest, xBest, xBestAdv, lossBest, prevLoss, fooled,
                            increases, stepSize, reducedLast, lossBestLastCheck);
                    double a = i > 0 ? momentum : 1.0;
                    NDArray eta = Perturbations.broadcastable(stepSize, adv);
                    // z ← Π(x + η·sign(∇f(x)));  x ← Π(x + α·(z − x) + (1 − α)·(x − x_old))
                    NDArray z = Perturbations.projectLinf(adv.add(grad.sign().mul(eta)), x0, eps);
                    NDArray next = Perturbations.projectLinf(
                            adv.add(z.sub(adv).mul(a)).add(adv.sub(advOld).mul(1 - a)), x0, eps);
                    advOld = adv;
                    adv = next;

                    Classifier.InputGradient ig =
                            model.gradient(adv, (xt, logits) -> Perturbations.crossEntropy(logits, oneHot).sum());
                    grad = ig.grad();
                    loss = Perturbations.crossEntropy(ig.logits(), oneHot);
                    NDArray wrong = Perturbations.fooled(ig.logits(), labels);
                    fooled = fooled.logicalOr(wrong);
                    xBestAdv = Perturbations.select(wrong, adv, xBestAdv);
                    increases = increases.add(loss.gt(prevLoss).toType(DataType.FLOAT32, false));
                    prevLoss = loss;
                    NDArray improved = loss.gt(lossBest);
                    xBest = Perturbations.select(improved, adv, xBest);
                    gradBest = Perturbations.select(improved, grad, gradBest);
                    lossBest = Perturbations.select(improved, loss, lossBest);

                    if (checkpoints.contains(i + 1)) {
                        int gap = i + 1 - lastCheck;
                        NDArray oscillated = increases.lte(gap * rho);
                        NDArray stalled = reducedLast.logicalNot().logicalAnd(lossBestLastCheck.gte(lossBest));
                        NDArray reduce = oscillated.logicalOr(stalled);
                        // η ← η/2 and x ← x_max where the loss oscillated or stalled
                        stepSize = Perturbations.select(reduce, stepSize.div(2), stepSize);
                        adv = Perturbations.select(reduce, xBest, adv);
                        grad = Perturbations.select(reduce, gradBest, grad);
                        reducedLast = reduce;
                        lossBestLastCheck = Perturbations.own(lossBest, it);
                        increases = increases.zerosLike();
                        lastCheck = i + 1;
                    }
                    for (NDArray survivor : new NDArray[] {adv, advOld, grad, gradBest, xBest, xBestAdv, lossBest, prevLoss,
                            fooled, increases, stepSize, reducedLast, lossBestLastCheck}) {
                        Perturbations.keep(survivor, work);
                    }
                }
            }
            return Perturbations.keep(Perturbations.select(fooled, xBestAdv, xBest), outer);
        }
    }

    /**
     * The iteration counts after which a checkpoint is held: ⌊0.22·steps⌋, then gaps that shrink by
     * ⌊0.03·steps⌋ down to ⌊0.06·steps⌋ (each at least 1), as {@code p_{j+1} = p_j + max(p_j − p_{j−1} −
     * 0.03, 0.06)} with {@code p_1 = 0.22} in the paper.
     */
    static List<Integer> checkpoints(int steps) {
        int gap = Math.max((int) (0.22 * steps), 1);
        int decrease = Math.max((int) (0.03 * steps), 1);
        int least = Math.max((int) (0.06 * steps), 1);
        List<Integer> at = new ArrayList<>();
        for (int t = gap; t <= steps; t += gap) {
            at.add(t);
            gap = Math.max(gap - decrease, least);
        }
        return at;
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.LINF, eps));
    }
}
