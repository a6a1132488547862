package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;

/**
 * Square Attack, L∞ (Andriushchenko et al. 2020): a score-based black-box random search. It starts
 * from vertical stripes of ±ε and, per query, proposes for every image a random s×s window set to
 * x ± ε (one sign per channel), keeping it when the margin loss {@code z_y − max_{k≠y} z_k} falls.
 * Only {@link Classifier#logits} is called. Images stop once fooled; the batch stops when all are.
 *
 * @param eps the L∞ radius, in [0,1] pixel units
 * @param queries model evaluations per image, the initial one included
 * @param pInit the initial fraction of pixels a window covers, halved on the authors' schedule
 * @param rescale whether the schedule's 10 000-query breakpoints are rescaled to {@code queries} (square.py's
 *     {@code resc_schedule}); AutoAttack's composite runs 5,000 queries on the breakpoints as they are
 */
public record SquareAttack(double eps, int queries, double pInit, boolean rescale) implements Attack {

    /** The attack with its schedule rescaled to {@code queries}, as {@code square} runs it. */
    public SquareAttack(double eps, int queries, double pInit) {
        this(eps, queries, pInit, true);
    }

    /** Proposals that would leave an image as it is are redrawn at most this many times. */
    private static final int REDRAWS = 10;

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long channels = shape.get(1);
        long height = shape.get(2);
        long width = shape.get(3);
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            NDArray oneHot = labels.oneHot(model.numClasses());
            NDArray rows = work.arange(0f, (float) height).reshape(1, 1, height, 1);
            NDArray cols = work.arange(0f, (float) width).reshape(1, 1, 1, width);
            NDArray start;
            try (NDManager it = work.newSubManager()) {
                NDArray stripes = Perturbations.randomSigns(it, new Shape(batch, channels, 1, width)).mul(eps);
                start = Perturbations.keep(stripes.add(x0).clip(0, 1), work);
            }
            NDArray best = search(model, oneHot, start, queries, work, (it, i, current) -> {
                long side = windowSide(i, channels, height, width);
                NDArray top = it.randomUniform(0f, 1f, new Shape(batch, 1, 1, 1)).mul(height - side).floor();
                NDArray left = it.randomUniform(0f, 1f, new Shape(batch, 1, 1, 1)).mul(width - side).floor();
                NDArray window = inside(Perturbations.local(top, rows), top, side).mul(inside(Perturbations.local(top, cols), left, side));
                return proposal(it, x0, current, window, batch, channels);
            });
            return Perturbations.keep(best, outer);
        }
    }

    /** A query's proposal for every image, made in the query's scope {@code it} from the current best {@code best}. */
    interface Proposer {
        NDArray propose(NDManager it, int query, NDArray best);
    }

    /**
     * The random search of both norms: from {@code start}, {@code queries − 1} queries, each a proposal per image
     * that is kept where it lowers the margin loss {@code z_y − max_{k≠y} z_k}; images stop once fooled, and the
     * search stops when all are.
     *
     * @return the best points, attached to {@code work}
     */
    static NDArray search(Classifier model, NDArray oneHot, NDArray start, int queries, NDManager work, Proposer proposer) {
        NDArray best = start;
        NDArray bestMargin;
        try (NDManager it = work.newSubManager()) {
            bestMargin = Perturbations.keep(Perturbations.margin(model.logits(best), oneHot), work);
        }
        for (int i = 0; i < queries - 1; i++) {
            boolean done;
            try (NDManager it = work.newSubManager()) {
                Perturbations.retire(it, best, bestMargin);
                NDArray active = bestMargin.gt(0);
                done = !active.any().getBoolean();
                if (!done) {
                    NDArray proposal = proposer.propose(it, i, best);
                    // x_best ← x' where L(x') < L(x_best)
                    NDArray margin = Perturbations.margin(model.logits(proposal), oneHot);
                    NDArray improved = margin.lt(bestMargin).logicalAnd(active);
                    best = Perturbations.select(improved, proposal, best);
                    bestMargin = Perturbations.select(improved, margin, bestMargin);
                }
                Perturbations.keep(best, work);
                Perturbations.keep(bestMargin, work);
            }
            if (done) {
                break;
            }
        }
        return best;
    }

    /**
     * One proposal per image: x_best outside the window, clip(x ± ε) inside with one sign per channel.
     * Signs are redrawn for images whose proposal would equal their current best, as the authors do.
     */
    private NDArray proposal(NDManager it, NDArray x0, NDArray best, NDArray window, long batch, long channels) {
        Shape signShape = new Shape(batch, channels, 1, 1);
        NDArray signs = Perturbations.randomSigns(it, signShape);
        NDArray outside = best.mul(window.neg().add(1f));
        for (int r = 0; ; r++) {
            try (NDManager round = it.newSubManager()) {
                Perturbations.retire(round, signs);
                NDArray inWindow = signs.mul(eps).add(Perturbations.local(signs, x0)).clip(0, 1);
                // window ∈ {0,1}, so the blend is exact
                NDArray proposal = inWindow.mul(window).add(outside);
                NDArray moved = proposal.sub(best).abs().gte(1e-7f).toType(DataType.FLOAT32, false).mul(window);
                NDArray same = Perturbations.flat(moved).sum(new int[] {1}).eq(0);
                if (r == REDRAWS || !same.any().getBoolean()) {
                    return Perturbations.keep(proposal, it);
                }
                signs = Perturbations.keep(Perturbations.select(same, Perturbations.randomSigns(round, signShape), signs), it);
            }
        }
    }

    /** 1 where {@code start ≤ index < start + side}, else 0. */
    private static NDArray inside(NDArray index, NDArray start, long side) {
        return index.gte(start).logicalAnd(index.lt(start.add(side))).toType(DataType.FLOAT32, false);
    }

    /**
     * The window's side at iteration i as square.py computes it: √(p·pixels per channel) rounded half to even
     * (Python's {@code round}), at least 1 and at most the image's side.
     */
    long windowSide(int i, long channels, long height, long width) {
        double p = fraction(i);
        long s = Math.max((long) Math.rint(Math.sqrt(p * channels * height * width / channels)), 1);
        return Math.min(s, Math.min(height, width));
    }

    /** The authors' schedule for p, its 10 000-query breakpoints rescaled to {@link #queries} when {@link #rescale}. */
    double fraction(int i) {
        return fraction(i, pInit, queries, rescale);
    }

    /** square.py's {@code p_selection}, for both norms: p at query i. */
    static double fraction(int i, double pInit, int queries, boolean rescale) {
        int it = rescale ? (int) ((double) i / queries * 10_000) : i;
        int halvings;
        if (it <= 10) {
            halvings = 0;
        } else if (it <= 50) {
            halvings = 1;
        } else if (it <= 200) {
            halvings = 2;
        } else if (it <= 500) {
            halvings = 3;
        } else if (it <= 1000) {
            halvings = 4;
        } else if (it <= 2000) {
            halvings = 5;
        } else if (it <= 4000) {
            halvings = 6;
        } else if (it <= 6000) {
            halvings = 7;
        } else if (it <= 8000) {
            halvings = 8;
        } else {
            halvings = 9;
        }
        return pInit / (1 << halvings);
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.LINF, eps));
    }

    @Override
    public boolean usesGradients() {
        return false;
    }
}
