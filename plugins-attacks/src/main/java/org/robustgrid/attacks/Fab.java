package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;
import org.robustgrid.harness.spi.SpecException;

/**
 * FAB, the Fast Adaptive Boundary attack (Croce and Hein, ICML 2020), untargeted ({@code fab}) or
 * targeted over the top {@code targets} classes ({@code fab-t}), L∞ or L2: a minimum-norm attack. Each
 * step linearises the classifier at the current point, projects both the current point and the clean image
 * onto the nearest linearised boundary (within [0,1]), and moves to a convex combination of the two
 * projections weighted towards the clean image, overshooting by η; once an iterate is misclassified it is
 * kept when its perturbation is the smallest so far, and the iterate is pulled back towards the clean image
 * by β. As the authors' fab_base.py; the first run of each target starts at the clean image, later restarts
 * at a random point at distance ε/2.
 *
 * <p>Minimum-norm: it projects into no budget and returns, per image, the smallest adversarial perturbation
 * found over every run (the clean image where none was), reported at {@code evaluatedAt}. A restart starts at
 * a random point at half the smaller of the image's best norm so far and ε, as the FAB paper's code. With
 * {@code withinBudget} it runs as AutoAttack runs it instead: restarts and further targets only on the images
 * not yet broken within the budget, each restart at ε/2; the same robust accuracy at ε, at less cost, but a
 * perturbation that depends on ε.
 *
 * @param steps iterations per run
 * @param restarts runs per target (per attack when untargeted), the first without random start
 * @param targets target classes (the 2nd to (targets+1)-th most likely); 0 for the untargeted attack
 * @param alphaMax the largest weight of the clean image's projection
 * @param eta the overshoot
 * @param beta the pull back towards the clean image after a success
 * @param evaluatedAt the norm the attack minimises and the budget its results are reported at (ε also sets
 *     the radius of random restarts)
 * @param withinBudget whether to stop attacking an image once it is broken within the budget (AutoAttack's way)
 */
public record Fab(int steps, int restarts, int targets, double alphaMax, double eta, double beta, Budget evaluatedAt, boolean withinBudget)
        implements MinimumNorm {

    /** The reference's guard on divisions by a norm. */
    private static final double TINY = 1e-12;
    /** The reference's floor on the length of a projection step. */
    private static final double FLOOR = 1e-8;

    @Override
    public NDArray perturb(Classifier model, NDArray x, NDArray y) {
        int classes = model.numClasses();
        if (targets > 0 && classes < targets + 1) {
            throw new SpecException("targets=" + targets + " needs a model with at least " + (targets + 1) + " classes; this one has " + classes);
        }
        NDManager outer = x.getManager();
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            int n = (int) x0.getShape().get(0);
            int dim = (int) (x0.getShape().size() / n);
            float[] clean = x0.toFloatArray();
            float[] best = clean.clone();
            double[] bestNorm = new double[n];
            boolean[] correct = model.logits(x0).argMax(1).eq(labels).toBooleanArray();
            java.util.Arrays.fill(bestNorm, Double.POSITIVE_INFINITY);
            int rounds = Math.max(targets, 1);
            for (int k = 2; k < rounds + 2; k++) {
                for (int r = 0; r < restarts; r++) {
                    boolean[] open = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        open[i] = correct[i] && !(withinBudget && bestNorm[i] <= evaluatedAt.eps());
                    }
                    try (NDManager part = work.newSubManager()) {
                        int[] idx = Rows.where(part.create(open));
                        if (idx.length == 0) {
                            break;
                        }
                        NDArray xs = Rows.take(x0, idx, part);
                        NDArray ys = Rows.take(labels, idx, part);
                        NDArray target = targets > 0 ? Apgd.kthMostLikely(model.logits(xs), k) : null;
                        double[] radius = new double[idx.length];
                        for (int j = 0; j < idx.length; j++) {
                            radius[j] = (withinBudget ? evaluatedAt.eps() : Math.min(bestNorm[idx[j]], evaluatedAt.eps())) / 2;
                        }
                        Single run = run(model, xs, ys, target, r > 0 ? radius : null);
                        for (int j = 0; j < idx.length; j++) {
                            if (run.norm()[j] < bestNorm[idx[j]]) {
                                bestNorm[idx[j]] = run.norm()[j];
                                System.arraycopy(run.adv(), j * dim, best, idx[j] * dim, dim);
                            }
                        }
                    }
                }
            }
            return Perturbations.keep(work.create(best, x0.getShape()).toDevice(x0.getDevice(), false), outer);
        }
    }

    /** One run: per image the smallest adversarial found (the clean image where none) and its norm (+∞ where none). */
    record Single(float[] adv, double[] norm) {}

    /**
     * The reference's {@code attack_single_run} on images that are all correctly classified.
     *
     * @param target int64 (N) target classes, or null for the untargeted attack
     * @param radius per image the distance of a random start, or null to start at the clean image
     */
    Single run(Classifier model, NDArray im, NDArray labels, NDArray target, double[] radius) {
        boolean linf = evaluatedAt.norm() == Budget.Norm.LINF;
        NDManager m = im.getManager();
        Shape shape = im.getShape();
        int n = (int) shape.get(0);
        int dim = (int) (shape.size() / n);
        float[] x0 = im.toFloatArray();
        long[] y = labels.toLongArray();
        long[] t = target == null ? null : target.toLongArray();
        float[] x1 = radius != null ? randomStart(m, im, radius) : x0.clone();
        float[] adv = x0.clone();
        double[] res = new double[n];
        java.util.Arrays.fill(res, Double.POSITIVE_INFINITY);
        for (int iter = 0; iter < steps; iter++) {
            try (NDManager it = m.newSubManager()) {
                NDArray xa = it.create(x1, shape).toDevice(im.getDevice(), false);
                double[][] w = new double[n][];
                double[] b = new double[n];
                boundary(model, xa, y, t, x1, dim, linf, w, b);
                // project the iterate and the clean image onto the linearised boundary
                double[][] d1 = new double[n][];
                double[][] d2 = new double[n][];
                for (int i = 0; i < n; i++) {
                    double[] xi = row(x1, i, dim);
                    double[] oi = row(x0, i, dim);
                    d1[i] = linf ? FabProjections.linf(xi, w[i], b[i]) : FabProjections.l2(xi, w[i], b[i]);
                    d2[i] = linf ? FabProjections.linf(oi, w[i], b[i]) : FabProjections.l2(oi, w[i], b[i]);
                }
                for (int i = 0; i < n; i++) {
                    double a1 = Math.max(norm(d1[i], linf), FLOOR);
                    double a2 = Math.max(norm(d2[i], linf), FLOOR);
                    double alpha = Math.min(Math.max(a1 / (a1 + a2), 0), alphaMax);
                    // x ← clip((1 − α)(x + η·d₁) + α(x₀ + η·d₂))
                    for (int j = 0; j < dim; j++) {
                        int at = i * dim + j;
                        double v = (x1[at] + eta * d1[i][j]) * (1 - alpha) + (x0[at] + d2[i][j] * eta) * alpha;
                        x1[at] = (float) Math.min(Math.max(v, 0), 1);
                    }
                }
                long[] pred = model.logits(it.create(x1, shape).toDevice(im.getDevice(), false)).argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    if (pred[i] == y[i]) {
                        continue;
                    }
                    double size = 0;
                    for (int j = 0; j < dim; j++) {
                        double dj = x1[i * dim + j] - x0[i * dim + j];
                        size = linf ? Math.max(size, Math.abs(dj)) : size + dj * dj;
                    }
                    size = linf ? size : Math.sqrt(size);
                    if (size < res[i]) {
                        res[i] = size;
                        System.arraycopy(x1, i * dim, adv, i * dim, dim);
                    }
                    // x ← x₀ + β(x − x₀)
                    for (int j = 0; j < dim; j++) {
                        int at = i * dim + j;
                        x1[at] = (float) (x0[at] + (x1[at] - x0[at]) * beta);
                    }
                }
            }
        }
        return new Single(adv, res);
    }

    /**
     * The linearised boundary {@code ⟨w, x⟩ = b} nearest to each image: for the untargeted attack the class
     * k ≠ y minimising |f_k − f_y| / ‖∇f_k − ∇f_y‖_dual, for the targeted one the target.
     */
    private void boundary(Classifier model, NDArray xa, long[] y, long[] t, float[] x1, int dim, boolean linf, double[][] w, double[] b) {
        int n = y.length;
        NDManager m = xa.getManager();
        if (t != null) {
            NDArray yHot = m.create(y).oneHot(model.numClasses()).toType(xa.getDataType(), false);
            NDArray tHot = m.create(t).oneHot(model.numClasses()).toType(xa.getDataType(), false);
            // f = −(z_y − z_t)
            Classifier.InputGradient g = model.gradient(xa, (xt, z) -> z.mul(tHot).sub(z.mul(yHot)).sum());
            float[] grad = g.grad().toFloatArray();
            float[] z = g.logits().toFloatArray();
            int k = model.numClasses();
            for (int i = 0; i < n; i++) {
                double f = z[i * k + (int) t[i]] - z[i * k + (int) y[i]];
                w[i] = row(grad, i, dim);
                b[i] = -f + dotRow(w[i], x1, i, dim);
            }
            return;
        }
        int k = model.numClasses();
        float[][] grads = new float[k][];
        float[] z = null;
        for (int c = 0; c < k; c++) {
            int cls = c;
            Classifier.InputGradient g = model.gradient(xa, (xt, logits) -> logits.get(new NDIndex(":, {}", cls)).sum());
            grads[c] = g.grad().toFloatArray();
            z = z == null ? g.logits().toFloatArray() : z;
        }
        for (int i = 0; i < n; i++) {
            int yi = (int) y[i];
            double bestDist = Double.POSITIVE_INFINITY;
            int pick = -1;
            for (int c = 0; c < k; c++) {
                double df = c == yi ? 1e10 : z[i * k + c] - z[i * k + yi];
                double size = 0;
                for (int j = 0; j < dim; j++) {
                    double dg = grads[c][i * dim + j] - grads[yi][i * dim + j];
                    size = linf ? size + Math.abs(dg) : size + dg * dg;
                }
                size = linf ? size : Math.sqrt(size);
                double dist = Math.abs(df) / (TINY + size);
                if (dist < bestDist) {
                    bestDist = dist;
                    pick = c;
                }
            }
            double[] wi = new double[dim];
            for (int j = 0; j < dim; j++) {
                wi[j] = grads[pick][i * dim + j] - grads[yi][i * dim + j];
            }
            double df = pick == yi ? 1e10 : z[i * k + pick] - z[i * k + yi];
            w[i] = wi;
            b[i] = -df + dotRow(wi, x1, i, dim);
        }
    }

    /** The reference's random start: x₀ + r·u/‖u‖, u uniform in [−1,1] (L∞) or Gaussian (L2), clipped. */
    private float[] randomStart(NDManager m, NDArray im, double[] radius) {
        boolean linf = evaluatedAt.norm() == Budget.Norm.LINF;
        try (NDManager tmp = m.newSubManager()) {
            NDArray u = linf ? tmp.randomUniform(-1f, 1f, im.getShape()) : tmp.randomNormal(im.getShape());
            NDArray size = linf ? Perturbations.linf(u) : Perturbations.l2(u);
            float[] r = new float[radius.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) radius[i];
            }
            NDArray scale = size.pow(-1).mul(tmp.create(r));
            return u.mul(Perturbations.broadcastable(scale, u)).add(Perturbations.local(u, im)).clip(0, 1).toFloatArray();
        }
    }

    private static double norm(double[] d, boolean linf) {
        double s = 0;
        for (double v : d) {
            s = linf ? Math.max(s, Math.abs(v)) : s + v * v;
        }
        return linf ? s : Math.sqrt(s);
    }

    private static double[] row(float[] a, int i, int dim) {
        double[] r = new double[dim];
        for (int j = 0; j < dim; j++) {
            r[j] = a[i * dim + j];
        }
        return r;
    }

    private static double dotRow(double[] w, float[] x, int i, int dim) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += w[j] * x[i * dim + j];
        }
        return s;
    }
}
