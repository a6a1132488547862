package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;

/**
 * DeepFool, multi-class (Moosavi-Dezfooli et al. 2016): linearizes the classifier at the current
 * point and steps to the nearest linearized decision boundary among all other classes, until the
 * image is misclassified. Images that are already misclassified stop (their update is masked out);
 * the batch stops when all have. A minimum-norm attack: it projects into no budget, and is reported
 * at {@code evaluatedAt} (an image is robust there when its perturbation is larger).
 *
 * @param steps the most linearization steps
 * @param overshoot η: the total perturbation is scaled by 1 + η so that the point crosses the boundary
 * @param evaluatedAt the budget its results are reported at; it does not change the perturbation
 */
public record DeepFool(int steps, double overshoot, Budget evaluatedAt) implements MinimumNorm {

    /** The authors' nudge past the linearized boundary, in L2 units. */
    private static final float NUDGE = 1e-4f;
    /** Keeps the division finite where two classes' gradients coincide; as Foolbox. */
    private static final float NORM_FLOOR = 1e-8f;

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        int classes = model.numClasses();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            NDArray oneHot = labels.oneHot(classes);
            NDArray adv = Perturbations.own(x0, work);
            NDArray total = work.zeros(x0.getShape());
            for (int t = 0; t < steps; t++) {
                boolean done;
                try (NDManager it = work.newSubManager()) {
                    Perturbations.retire(it, adv, total);
                    NDArray y0 = Perturbations.own(labels, it);
                    NDArray logits = null;
                    NDArray active = null;
                    NDArray bestDist = null;
                    NDArray bestF = null;
                    NDArray bestW = null;
                    for (int k = 0; k < classes; k++) {
                        int cls = k;
                        // w'_k = ∇x (f_k − f_y), f'_k = f_k − f_y; the sum over images keeps each image's own gradient
                        Classifier.InputGradient ig = model.gradient(adv, (xt, z) -> fromTrue(z, oneHot, cls).sum());
                        if (k == 0) {
                            logits = ig.logits();
                            active = logits.argMax(1).eq(y0);
                            if (!active.any().getBoolean()) {
                                break;
                            }
                        }
                        NDArray f = fromTrue(logits, oneHot, cls);
                        NDArray wk = ig.grad();
                        NDArray dist = f.abs().div(Perturbations.l2(wk).add(NORM_FLOOR));
                        NDArray isTrue = y0.eq(cls);
                        dist = NDArrays.where(isTrue, dist.onesLike().mul(Float.POSITIVE_INFINITY), dist);
                        if (bestDist == null) {
                            bestDist = dist;
                            bestF = f;
                            bestW = wk;
                        } else {
                            NDArray closer = dist.lt(bestDist);
                            bestDist = Perturbations.select(closer, dist, bestDist);
                            bestF = Perturbations.select(closer, f, bestF);
                            bestW = Perturbations.select(closer, wk, bestW);
                        }
                    }
                    done = bestDist == null;
                    NDArray next = adv;
                    if (!done) {
                        // r = (|f'_l|/‖w'_l‖ + 10⁻⁴)·w'_l/‖w'_l‖, l = argmin_{k≠y} |f'_k|/‖w'_k‖;  x ← clip(x0 + (1+η)·Σr)
                        NDArray wNorm = Perturbations.l2(bestW).add(NORM_FLOOR);
                        NDArray scale = bestF.abs().div(wNorm).add(NUDGE).div(wNorm)
                                .mul(active.toType(bestF.getDataType(), false));
                        total = bestW.mul(Perturbations.broadcastable(scale, bestW)).add(total);
                        next = total.mul(1 + overshoot).add(x0).clip(0, 1);
                    }
                    adv = Perturbations.keep(next, work);
                    total = Perturbations.keep(total, work);
                }
                if (done) {
                    break;
                }
            }
            return Perturbations.keep(adv, outer);
        }
    }

    /** {@code f_k − f_y} per image, (N). */
    private static NDArray fromTrue(NDArray logits, NDArray oneHot, int k) {
        return logits.get(new NDIndex(":, {}", k)).sub(logits.mul(oneHot).sum(new int[] {1}));
    }
}
