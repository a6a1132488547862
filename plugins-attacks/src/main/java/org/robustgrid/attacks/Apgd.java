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
import java.util.function.UnaryOperator;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;
import org.robustgrid.harness.spi.SpecException;

/**
 * APGD, AutoAttack's step-size-free PGD (Croce and Hein 2020), in an L∞ or L2 ball, on the cross-entropy
 * ({@code apgd-ce}), the DLR loss ({@code apgd-dlr}) or the targeted DLR loss over the top {@code targets}
 * classes ({@code apgd-t}): momentum 0.75, a step size that starts at 2ε and halves per image at
 * checkpoints where the loss oscillated or stalled, restarting from the best point.
 *
 * <p>As the authors' code: checkpoints after ⌊0.22·steps⌋ iterations, each next gap ⌊0.03·steps⌋ shorter
 * but at least ⌊0.06·steps⌋; at a checkpoint an image's step halves when the loss rose in at most ρ of the
 * gap's iterations (the first gap's first iteration compared with 0, as the reference's loss history
 * starts zeroed), or when its step did not change at the last checkpoint and its best loss has not
 * improved since. Each restart, and each target of {@code apgd-t} (the k-th most likely class of the clean
 * image, k = 2…targets+1, one restart each in the standard version), runs only on the images still
 * robust. With {@code eot} > 1 each gradient is the mean of that many passes (randomized defences).
 *
 * <p>Returns, per image, a misclassified iterate where one was found, else the clean image.
 *
 * @param norm the ball's norm
 * @param eps its radius, in [0,1] pixel units
 * @param steps iterations per run, at least 1
 * @param restarts random restarts (per target for {@code apgd-t})
 * @param rho ρ, the share of loss increases below which a gap counts as oscillating
 * @param momentum α, the weight of the new point against the previous step
 * @param loss the objective
 * @param targets target classes for the targeted loss (ignored otherwise)
 * @param eot gradient passes averaged per iteration
 */
public record Apgd(Budget.Norm norm, double eps, int steps, int restarts, double rho, double momentum, Loss loss, int targets, int eot)
        implements Attack {

    /** APGD's objectives. */
    public enum Loss {
        CE,
        DLR,
        TARGETED_DLR
    }

    /** APGD-CE in L∞ with one restart, the defaults of AutoAttack's standard version but the budget. */
    static Apgd ce(double eps, int steps) {
        return new Apgd(Budget.Norm.LINF, eps, steps, 1, 0.75, 0.75, Loss.CE, 0, 1);
    }

    /** What one run of {@link #run} gives, per image, as the reference's {@code attack_single_run}. */
    record Run(NDArray xBest, NDArray robust, NDArray lossBest, NDArray xBestAdv) {}

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        checkClasses(model.numClasses());
        NDManager outer = x.getManager();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            NDArray adv = Perturbations.own(x0, work);
            NDArray robust = Perturbations.keep(model.logits(x0).argMax(1).eq(labels), work);
            int rounds = loss == Loss.TARGETED_DLR ? targets : 1;
            for (int k = 2; k < rounds + 2; k++) {
                for (int r = 0; r < restarts; r++) {
                    int[] idx = Rows.where(robust);
                    if (idx.length == 0) {
                        break;
                    }
                    try (NDManager part = work.newSubManager()) {
                        NDArray xs = Rows.take(x0, idx, part);
                        NDArray ys = Rows.take(labels, idx, part);
                        NDArray target = loss == Loss.TARGETED_DLR ? kthMostLikely(model.logits(xs), k) : null;
                        Run run = run(model, xs, ys, target, start(part, xs));
                        boolean[] broken = run.robust().logicalNot().toBooleanArray();
                        NDArray nextAdv = Perturbations.keep(Rows.put(adv, idx, run.xBestAdv(), broken), work);
                        NDArray nextRobust = markBroken(robust, idx, broken, work);
                        Perturbations.retire(part, adv, robust);
                        adv = nextAdv;
                        robust = nextRobust;
                    }
                }
            }
            return Perturbations.keep(adv, outer);
        }
    }

    /** The DLR loss needs 3 classes, the targeted one 4 and one more than the targets. */
    private void checkClasses(int classes) {
        if (loss == Loss.DLR && classes < 3) {
            throw new SpecException("apgd-dlr needs a model with at least 3 classes (the DLR loss divides by z_1 - z_3); this one has " + classes);
        }
        if (loss == Loss.TARGETED_DLR && classes < Math.max(4, targets + 1)) {
            throw new SpecException("targets=" + targets + " needs a model with at least " + Math.max(4, targets + 1)
                    + " classes (the targeted DLR loss needs 4); this one has " + classes);
        }
    }

    static NDArray markBroken(NDArray robust, int[] idx, boolean[] broken, NDManager m) {
        boolean[] r = robust.toBooleanArray();
        for (int i = 0; i < idx.length; i++) {
            r[idx[i]] &= !broken[i];
        }
        return m.create(r).toDevice(robust.getDevice(), false);
    }

    /** The k-th most likely class per image (k = 2 is the runner-up), int64 (N). */
    static NDArray kthMostLikely(NDArray logits, int k) {
        long classes = logits.getShape().get(1);
        return logits.argSort(1).get(new ai.djl.ndarray.index.NDIndex(":, {}", classes - k));
    }

    /** The reference's random start: x + ε·t/‖t‖ with t uniform in [−1,1] (L∞) or Gaussian (L2), clipped to [0,1]. */
    NDArray start(NDManager m, NDArray x0) {
        NDArray t = norm == Budget.Norm.LINF ? m.randomUniform(-1f, 1f, x0.getShape()) : m.randomNormal(x0.getShape());
        NDArray size = norm == Budget.Norm.LINF ? Perturbations.linf(t) : Perturbations.l2(t);
        return t.div(Perturbations.broadcastable(size.add(Perturbations.TINY), t)).mul((float) eps).add(x0).clip(0, 1);
    }

    /**
     * One run from {@code start} on every image given, the reference's {@code attack_single_run}.
     *
     * @param x0 clean images
     * @param labels int64 (N)
     * @param target int64 (N) target classes for the targeted loss, else null
     * @param start the first iterate, inside the ball
     * @return arrays attached to {@code x0}'s manager
     */
    Run run(Classifier model, NDArray x0, NDArray labels, NDArray target, NDArray start) {
        NDManager outer = x0.getManager();
        int classes = model.numClasses();
        try (NDManager work = outer.newSubManager()) {
            NDArray oneHot = labels.oneHot(classes);
            NDArray targetHot = target == null ? null : target.oneHot(classes);
            NDArray low = x0.sub((float) eps);
            NDArray high = x0.add((float) eps);
            low.attach(work);
            high.attach(work);
            UnaryOperator<NDArray> objective = z -> switch (loss) {
                case CE -> Perturbations.crossEntropy(z, oneHot);
                case DLR -> DlrLosses.dlr(z, oneHot);
                case TARGETED_DLR -> DlrLosses.targetedDlr(z, oneHot, targetHot);
            };
            Shape n = new Shape(x0.getShape().get(0));
            NDArray adv = Perturbations.own(start, work);
            NDArray[] g = gradient(model, adv, objective, work);
            NDArray grad = g[0];
            NDArray loss0 = g[1];
            NDArray robust = Perturbations.keep(g[2].argMax(1).eq(labels), work);
            NDArray xBestAdv = Perturbations.own(adv, work);
            NDArray advOld = Perturbations.own(adv, work);
            NDArray xBest = Perturbations.own(adv, work);
            NDArray gradBest = Perturbations.own(grad, work);
            NDArray lossBest = Perturbations.own(loss0, work);
            // the reference compares the first loss with its zeroed history (with itself when steps = 1)
            NDArray prevLoss = steps == 1 ? Perturbations.own(loss0, work).add(Float.POSITIVE_INFINITY) : work.zeros(n);
            NDArray lossBestLastCheck = Perturbations.own(loss0, work);
            NDArray reducedLast = work.ones(n, DataType.BOOLEAN);
            NDArray increases = work.zeros(n);
            NDArray stepSize = work.full(n, (float) (2 * eps));

            Set<Integer> checkpoints = new HashSet<>(checkpoints(steps));
            int lastCheck = 0;
            for (int i = 0; i < steps; i++) {
                try (NDManager it = work.newSubManager()) {
                    Perturbations.retire(it, adv, advOld, grad, gradBest, xBest, xBestAdv, lossBest, prevLoss, robust,
                            increases, stepSize, reducedLast, lossBestLastCheck);
                    float a = i > 0 ? (float) momentum : 1f;
                    NDArray eta = Perturbations.broadcastable(stepSize, adv);
                    NDArray direction = norm == Budget.Norm.LINF ? grad.sign() : unit(grad);
                    // z ← Π(x + η·d(∇f(x)));  x ← Π(x + α·(z − x) + (1 − α)·(x − x_old))
                    NDArray z = project(adv.add(direction.mul(eta)), x0, low, high);
                    NDArray next = project(adv.add(z.sub(adv).mul(a)).add(adv.sub(advOld).mul(1 - a)), x0, low, high);
                    advOld = adv;
                    adv = next;

                    g = gradient(model, adv, objective, it);
                    grad = g[0];
                    NDArray lossNow = g[1];
                    NDArray wrong = Perturbations.fooled(g[2], labels);
                    robust = robust.logicalAnd(wrong.logicalNot());
                    xBestAdv = Perturbations.select(wrong, adv, xBestAdv);
                    increases = increases.add(lossNow.gt(prevLoss).toType(DataType.FLOAT32, false));
                    prevLoss = lossNow;
                    NDArray improved = lossNow.gt(lossBest);
                    xBest = Perturbations.select(improved, adv, xBest);
                    gradBest = Perturbations.select(improved, grad, gradBest);
                    lossBest = Perturbations.select(improved, lossNow, lossBest);

                    if (checkpoints.contains(i + 1)) {
                        int gap = i + 1 - lastCheck;
                        NDArray oscillated = increases.lte((float) (gap * rho));
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
                            robust, increases, stepSize, reducedLast, lossBestLastCheck}) {
                        Perturbations.keep(survivor, work);
                    }
                }
            }
            return new Run(Perturbations.keep(xBest, outer), Perturbations.keep(robust, outer), Perturbations.keep(lossBest, outer),
                    Perturbations.keep(xBestAdv, outer));
        }
    }

    /** The gradient of the summed per-image loss (the mean of {@code eot} passes), the per-image loss and the logits of the last pass. */
    private NDArray[] gradient(Classifier model, NDArray x, UnaryOperator<NDArray> objective, NDManager m) {
        NDArray sum = null;
        Classifier.InputGradient ig = null;
        for (int e = 0; e < eot; e++) {
            ig = model.gradient(x, (xt, z) -> objective.apply(z).sum());
            sum = sum == null ? ig.grad() : sum.add(ig.grad());
        }
        NDArray grad = eot == 1 ? sum : sum.div((float) eot);
        NDArray perImage = objective.apply(ig.logits());
        return new NDArray[] {Perturbations.keep(grad, m), Perturbations.keep(perImage, m), Perturbations.keep(ig.logits(), m)};
    }

    /** {@code v/(‖v‖₂ + 10⁻¹²)} per image, the reference's normalisation. */
    private static NDArray unit(NDArray v) {
        return v.div(Perturbations.broadcastable(Perturbations.l2(v).add(Perturbations.TINY), v));
    }

    /**
     * The reference's projection: {@code clamp(min(max(v, x0 − ε), x0 + ε), 0, 1)} in L∞ ({@link Perturbations#clampLinf}'s
     * form, with the box's corners made once), {@code clamp(x0 + δ/‖δ‖·min(ε, ‖δ‖), 0, 1)} in L2.
     */
    private NDArray project(NDArray v, NDArray x0, NDArray low, NDArray high) {
        if (norm == Budget.Norm.LINF) {
            return v.maximum(low).minimum(high).clip(0, 1);
        }
        NDArray d = v.sub(x0);
        NDArray size = Perturbations.l2(d);
        return unit(d).mul(Perturbations.broadcastable(size.minimum((float) eps), d)).add(x0).clip(0, 1);
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
        return Optional.of(new Budget(norm, eps));
    }
}
