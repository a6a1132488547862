package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;
import org.robustgrid.harness.spi.Scalars;

/**
 * Carlini–Wagner L2 (Carlini and Wagner 2017), untargeted: minimizes
 * {@code ‖x' − x‖₂² + c·max(Z_y − max_{k≠y} Z_k + κ, 0)} over {@code x' = (tanh w + 1)/2} with Adam,
 * then binary-searches c per image. Each image keeps its smallest-L2 successful adversarial, or
 * stays x when none was found. A minimum-norm attack: it projects into no budget, and is reported at
 * {@code evaluatedAt} (an image is robust there when its smallest successful perturbation is larger).
 *
 * @param c the initial constant c for every image
 * @param binarySearchSteps outer steps; with 1, c stays at its initial value
 * @param steps Adam steps per outer step
 * @param lr Adam's learning rate, on w
 * @param confidence κ, the logit margin a success must have
 * @param abortEarly stop an outer step when the batch loss has not fallen by 0.01% over a tenth of
 *     the steps, as the authors' code does
 * @param evaluatedAt the budget its results are reported at; it does not change the perturbation
 */
public record CarliniWagnerL2(
        double c, int binarySearchSteps, int steps, double lr, double confidence, boolean abortEarly, Budget evaluatedAt)
        implements MinimumNorm {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;
    /** Keeps atanh finite on pixels at exactly 0 or 1. */
    private static final float BOX = 0.999999f;
    /** An upper bound on c that was never set; the authors' 1e10. */
    private static final float UNBOUNDED = 1e10f;

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray oneHot = Perturbations.labels(y, work).oneHot(model.numClasses());
            Shape n = new Shape(x0.getShape().get(0));
            NDArray constant = work.full(n, (float) c);
            NDArray lower = work.zeros(n);
            NDArray upper = work.full(n, UNBOUNDED);
            NDArray bestL2 = work.full(n, Float.POSITIVE_INFINITY);
            NDArray bestAdv = Perturbations.own(x0, work);
            NDArray w0 = Perturbations.atanh(x0.mul(2).sub(1).mul(BOX));
            for (int b = 0; b < binarySearchSteps; b++) {
                NDArray w = Perturbations.own(w0, work);
                NDArray m = work.zeros(w0.getShape());
                NDArray v = work.zeros(w0.getShape());
                NDArray succeeded = work.zeros(n, DataType.BOOLEAN);
                double prev = Double.POSITIVE_INFINITY;
                NDArray cs = constant;
                for (int t = 0; t < steps; t++) {
                    boolean stop;
                    try (NDManager it = work.newSubManager()) {
                        Perturbations.retire(it, w, m, v, bestL2, bestAdv, succeeded);
                        NDArray xp = w.tanh().add(1).mul(0.5f);
                        // L(w) = ‖x' − x‖₂² + c·max(Z(x')_y − max_{k≠y} Z(x')_k + κ, 0),  x' = (tanh w + 1)/2
                        Classifier.InputGradient ig = model.gradient(xp, (xt, z) ->
                                Perturbations.squaredL2(xt.sub(x0)).add(hinge(z, oneHot).mul(cs)).sum());
                        NDArray l2sq = Perturbations.squaredL2(xp.sub(x0));
                        NDArray success = Perturbations.margin(ig.logits(), oneHot).add(confidence).lt(0);
                        NDArray improved = success.logicalAnd(l2sq.lt(bestL2));
                        bestL2 = Perturbations.select(improved, l2sq, bestL2);
                        bestAdv = Perturbations.select(improved, xp, bestAdv);
                        succeeded = succeeded.logicalOr(success);
                        // ∂L/∂w = ∂L/∂x'·(1 − tanh² w)/2, and tanh w = 2x' − 1
                        NDArray gw = ig.grad().mul(xp.mul(2).sub(1).square().neg().add(1).mul(0.5f));
                        m = m.mul(BETA1).add(gw.mul(1 - BETA1));
                        v = v.mul(BETA2).add(gw.square().mul(1 - BETA2));
                        NDArray mHat = m.div(1 - Math.pow(BETA1, t + 1));
                        NDArray vHat = v.div(1 - Math.pow(BETA2, t + 1));
                        // w ← w − lr·m̂/(√v̂ + ε)
                        w = w.sub(mHat.mul(lr).div(vHat.sqrt().add(ADAM_EPS)));
                        for (NDArray survivor : new NDArray[] {w, m, v, bestL2, bestAdv, succeeded}) {
                            Perturbations.keep(survivor, work);
                        }
                        double loss = ig.value().getFloat();
                        boolean check = t % Math.max(1, steps / 10) == 0;
                        stop = abortEarly && check && loss > prev * 0.9999;
                        if (check) {
                            prev = loss;
                        }
                    }
                    if (stop) {
                        break;
                    }
                }
                w.close();
                m.close();
                v.close();
                if (b < binarySearchSteps - 1) {
                    try (NDManager it = work.newSubManager()) {
                        Perturbations.retire(it, constant, lower, upper);
                        // success: c is an upper bound; failure: a lower bound; then bisect, or grow ×10 while unbounded
                        NDArray up = Perturbations.select(succeeded, upper.minimum(constant), upper);
                        NDArray lo = Perturbations.select(succeeded, lower, lower.maximum(constant));
                        NDArray grown = Perturbations.select(up.lt(UNBOUNDED / 10), lo.add(up).div(2), constant.mul(10));
                        upper = Perturbations.keep(up, work);
                        lower = Perturbations.keep(lo, work);
                        constant = Perturbations.keep(grown, work);
                    }
                }
                succeeded.close();
            }
            return Perturbations.keep(bestAdv, outer);
        }
    }

    /** {@code max(Z_y − max_{k≠y} Z_k + κ, 0)} per image. */
    private NDArray hinge(NDArray logits, NDArray oneHot) {
        // not maximum(0f): the gradient flows through it (see Scalars)
        return Perturbations.margin(logits, oneHot).add(confidence).maximum(Scalars.of(logits, 0));
    }
}
