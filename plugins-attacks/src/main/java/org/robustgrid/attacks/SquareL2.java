package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;

/**
 * Square Attack, L2 (Andriushchenko et al. 2020; square.py's L2 branch): a score-based black-box random
 * search whose perturbation always has L2 norm ε. It starts from a grid of windows, each holding the
 * authors' pseudo-Gaussian pattern {@link #eta} with a random sign per channel. Per query one s×s window
 * of the current perturbation is cleared and another is given a new pattern that carries the mass of both
 * windows (plus whatever the image's norm is still short of ε), so the norm stays ε; a proposal is kept
 * when the margin loss {@code z_y − max_{k≠y} z_k} falls. As in the reference, a query draws one pair of
 * window corners and one pattern orientation for the whole batch and a sign per image and channel. Only
 * {@link Classifier#logits} is called; images stop once fooled.
 *
 * @param eps the L2 radius, in [0,1] pixel units
 * @param queries model evaluations per image, the initial one included
 * @param pInit the initial fraction of pixels a window covers, halved on the authors' schedule
 * @param rescale whether the schedule's 10 000-query breakpoints are rescaled to {@code queries}
 */
public record SquareL2(double eps, int queries, double pInit, boolean rescale) implements Attack {

    /** The reference's guard against dividing by a zero norm. */
    private static final float TINY = 1e-12f;

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        Shape shape = x.getShape();
        int batch = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray oneHot = Perturbations.labels(y, work).oneHot(model.numClasses());
            int tiles = startTiles(height, width);
            float[] signs = Perturbations.randomSigns(work, new Shape(tiles, batch, channels)).toFloatArray();
            float[] coins = work.randomUniform(0f, 1f, new Shape(tiles)).toFloatArray();
            NDArray start = start(x0, signs, transposes(coins));
            NDArray best = SquareAttack.search(model, oneHot, start, queries, work, (it, i, current) -> {
                int side = windowSide(i, channels, height, width);
                // the reference's random_int(0, h - s): floor((h - s)·u), for both windows' corners
                float[] u = it.randomUniform(0f, 1f, new Shape(5)).toFloatArray();
                int[] corners = new int[4];
                for (int k = 0; k < 4; k++) {
                    corners[k] = (int) Math.floor((k % 2 == 0 ? height - side : width - side) * u[k]);
                }
                NDArray sign = Perturbations.randomSigns(it, new Shape(batch, channels, 1, 1));
                return propose(x0, current, side, corners, u[4] > 0.5f, sign);
            });
            return Perturbations.keep(best, outer);
        }
    }

    private static boolean[] transposes(float[] coins) {
        boolean[] t = new boolean[coins.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = coins[i] > 0.5f;
        }
        return t;
    }

    /** The start's windows: side h/5, (h/s)·(w/s) of them from the reference's offset, row by row. */
    static int startTiles(int height, int width) {
        int s = height / 5;
        return (height / s) * (width / s);
    }

    /**
     * The starting point: a grid of windows of side h/5, each {@link #eta} (transposed where {@code transposes}
     * says) times a sign per image and channel, scaled to L2 norm ε and clipped to [0,1].
     *
     * @param signs ±1 per window, image and channel, window-major: {@code signs[(t·N + n)·C + c]}
     * @param transposes per window, whether its pattern is transposed
     */
    NDArray start(NDArray x0, float[] signs, boolean[] transposes) {
        Shape shape = x0.getShape();
        int batch = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int s = height / 5;
        int offset = (height - s * 5) / 2;
        float[] delta = new float[batch * channels * height * width];
        int t = 0;
        for (int a = 0, top = offset; a < height / s; a++, top += s) {
            for (int b = 0, left = offset; b < width / s; b++, left += s, t++) {
                float[] pattern = oriented(s, transposes[t]);
                for (int n = 0; n < batch; n++) {
                    for (int c = 0; c < channels; c++) {
                        float sign = signs[(t * batch + n) * channels + c];
                        int base = (n * channels + c) * height * width;
                        for (int r = 0; r < s && top + r < height; r++) {
                            for (int q = 0; q < s && left + q < width; q++) {
                                delta[base + (top + r) * width + left + q] += sign * pattern[r * s + q];
                            }
                        }
                    }
                }
            }
        }
        NDManager m = x0.getManager();
        NDArray d = m.create(delta, shape);
        return scaled(d).add(x0).clip(0, 1);
    }

    /** {@code d} scaled to L2 norm ε per image (the reference's normalize, then times ε). */
    private NDArray scaled(NDArray d) {
        NDArray norm = Perturbations.broadcastable(Perturbations.l2(d).add(TINY), d);
        return d.div(norm).mul((float) eps);
    }

    /**
     * One proposal, the reference's step: with δ = best − x0, the window at {@code (corners[0], corners[1])}
     * gets {@code η·sign + δ_w1/‖δ_w1‖}, rescaled per channel to carry the mass of both windows plus a share
     * of what the image's norm is short of ε; the window at {@code (corners[2], corners[3])} is cleared first;
     * the result is scaled to norm ε and clipped.
     *
     * @param corners top and left of the new window, then of the cleared one
     * @param transpose whether the window's pattern is transposed
     * @param sign ±1 per image and channel, (N, C, 1, 1)
     */
    NDArray propose(NDArray x0, NDArray best, int side, int[] corners, boolean transpose, NDArray sign) {
        NDManager m = best.getManager(); // the iteration's scope: nothing made here outlives it
        int channels = (int) x0.getShape().get(1);
        NDIndex first = window(corners[0], corners[1], side);
        NDIndex second = window(corners[2], corners[3], side);
        NDArray delta = best.sub(x0);
        NDArray old = delta.get(first);
        NDArray oldNorm = windowNorm(old);
        NDArray mask = m.zeros(new Shape(1, 1, x0.getShape().get(2), x0.getShape().get(3)));
        mask.set(first, 1f);
        mask.set(second, 1f);
        NDArray imageNorm = Perturbations.broadcastable(Perturbations.l2(delta), delta);
        NDArray windowsNorm = windowNorm(delta.mul(mask));
        NDArray pattern = m.create(oriented(side, transpose), new Shape(1, 1, side, side)).mul(sign);
        NDArray fresh = pattern.add(old.div(oldNorm.add(TINY)));
        // the mass to give the window: what both windows held, plus the image's shortfall from ε shared over channels
        NDArray shortfall = imageNorm.square().neg().add((float) (eps * eps)).maximum(0f).div((float) channels);
        NDArray mass = shortfall.add(windowsNorm.square()).sqrt();
        fresh = fresh.div(windowNorm(fresh).add(TINY)).mul(mass);
        NDArray next = delta.duplicate();
        next.set(second, 0f);
        next.set(first, fresh);
        return scaled(next).add(x0).clip(0, 1);
    }

    private static NDIndex window(int top, int left, int side) {
        return new NDIndex(":, :, {}:{}, {}:{}", top, top + side, left, left + side);
    }

    /** The L2 norm over the last two axes, kept as (N, C, 1, 1). */
    private static NDArray windowNorm(NDArray a) {
        return a.square().sum(new int[] {2, 3}, true).sqrt();
    }

    private static float[] oriented(int s, boolean transpose) {
        float[] e = eta(s);
        if (!transpose) {
            return e;
        }
        float[] t = new float[e.length];
        for (int r = 0; r < s; r++) {
            for (int c = 0; c < s; c++) {
                t[c * s + r] = e[r * s + c];
            }
        }
        return t;
    }

    /**
     * The authors' window pattern of side s, row-major (square.py's {@code eta} before its random transpose):
     * the top s/2 rows hold nested rectangles of weight 1/k², the rest the same with the opposite sign, each
     * half and then the whole scaled to unit L2 norm.
     */
    static float[] eta(int s) {
        int top = s / 2;
        float[] upper = rectangles(top, s);
        float[] lower = rectangles(s - top, s);
        float[] e = new float[s * s];
        System.arraycopy(upper, 0, e, 0, upper.length);
        for (int i = 0; i < lower.length; i++) {
            e[upper.length + i] = -lower[i];
        }
        return unit(e);
    }

    /** Nested rectangles around the centre of an h×w block, the k-th (from 1) adding 1/k², scaled to unit norm. */
    private static float[] rectangles(int h, int w) {
        float[] d = new float[h * w];
        int rowCentre = h / 2 + 1;
        int colCentre = w / 2 + 1;
        int r0 = rowCentre - 1;
        int c0 = colCentre - 1;
        for (int k = 0; k < Math.max(rowCentre, colCentre); k++, r0--, c0--) {
            float add = (float) (1.0 / ((k + 1) * (k + 1)));
            for (int r = Math.max(r0, 0); r < Math.min(r0 + 2 * k + 1, h); r++) {
                for (int c = Math.max(c0, 0); c < Math.min(c0 + 2 * k + 1, w); c++) {
                    d[r * w + c] += add;
                }
            }
        }
        return unit(d);
    }

    private static float[] unit(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += (double) f * f;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    /**
     * The window's side at query i as square.py's L2 branch computes it: √(p·pixels per channel) rounded half
     * to even, at least 3, made odd, at most the image's side.
     */
    int windowSide(int i, int channels, int height, int width) {
        double p = SquareAttack.fraction(i, pInit, queries, rescale);
        int s = Math.max((int) Math.rint(Math.sqrt(p * channels * height * width / channels)), 3);
        if (s % 2 == 0) {
            s++;
        }
        return Math.min(s, Math.min(height, width));
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(new Budget(Budget.Norm.L2, eps));
    }

    @Override
    public boolean usesGradients() {
        return false;
    }
}
