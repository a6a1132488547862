package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per-image array helpers for attacks (and any plugin that perturbs images): owning arrays across the
 * scopes of an iterative attack, per-image norms, projections onto L∞ and L2 balls intersected with
 * the [0,1] box, and logit margins. The built-in attacks are written with them.
 *
 * <p>Images are NCHW (any rank ≥ 2 works) in [0,1] pixel units; per-image values have shape (N).
 * Unless said otherwise a result is attached to its first argument's manager, as every DJL operation's
 * result is attached to its first operand's.
 *
 * <p>The scope pattern of an iterative attack: the attack works in a sub-manager {@code work} of
 * {@code x}'s manager, copies its inputs into it ({@link #own}, {@link #labels}), runs each iteration
 * in a sub-manager {@code it} of {@code work}, moves the arrays an iteration replaces into {@code it}
 * ({@link #retire}) so that they die with it, keeps the new state in {@code work} ({@link #keep}), and
 * finally keeps its result in {@code x}'s manager. Memory then stays flat however many iterations run.
 */
public final class Perturbations {

    /** Keeps a norm's division finite for an all-zero perturbation or gradient. */
    public static final float TINY = 1e-12f;

    private Perturbations() {}

    /** A copy of {@code a} owned by {@code m}; the caller's array is never attached elsewhere. */
    public static NDArray own(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }

    /** Labels as an int64 copy owned by {@code m}, comparable with {@code argMax}. */
    public static NDArray labels(NDArray y, NDManager m) {
        NDArray c = y.toType(DataType.INT64, true);
        c.attach(m);
        return c;
    }

    /** Attaches {@code a} to {@code m} (it outlives the current iteration) and returns it. */
    public static NDArray keep(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    /** Moves arrays that the current iteration replaces into its scope {@code it}, so they die with it. */
    public static void retire(NDManager it, NDArray... old) {
        for (NDArray a : old) {
            a.attach(it);
        }
    }

    /** The shape (N, 1, 1, 1) that broadcasts a per-image value over images shaped like {@code x}. */
    public static Shape perImage(NDArray x) {
        long[] dims = new long[x.getShape().dimension()];
        java.util.Arrays.fill(dims, 1L);
        dims[0] = x.getShape().get(0);
        return new Shape(dims);
    }

    /** Per-image values {@code v} (N) reshaped to multiply images shaped like {@code x}. */
    public static NDArray broadcastable(NDArray v, NDArray x) {
        return v.reshape(perImage(x));
    }

    /**
     * A copy of {@code a} in {@code like}'s manager, for a long-lived array that must be the first
     * operand of an operation (DJL attaches results to the first operand's manager).
     */
    public static NDArray local(NDArray like, NDArray a) {
        return like.getManager().zeros(a.getShape(), a.getDataType()).add(a);
    }

    /** Per-image L2 norm, (N). */
    public static NDArray l2(NDArray d) {
        return flat(d).square().sum(new int[] {1}).sqrt();
    }

    /** Per-image L1 norm, (N). */
    public static NDArray l1(NDArray d) {
        return flat(d).abs().sum(new int[] {1});
    }

    /** Per-image L∞ norm, (N). */
    public static NDArray linf(NDArray d) {
        return flat(d).abs().max(new int[] {1});
    }

    /** Per-image sum of squares, (N). */
    public static NDArray squaredL2(NDArray d) {
        return flat(d).square().sum(new int[] {1});
    }

    /** The images as rows, (N, pixels). */
    public static NDArray flat(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }

    /** {@code atanh(v) = ½·ln((1 + v)/(1 − v))} for v in (−1, 1); the engine has no atanh. */
    public static NDArray atanh(NDArray v) {
        return v.add(1f).div(v.neg().add(1f)).log().mul(0.5f);
    }

    /**
     * Per image, {@code a} where {@code mask} is true, else {@code b}; exact (no arithmetic blend).
     *
     * @param mask boolean (N), or boolean of {@code a}'s shape
     * @return attached to {@code a}'s manager; nothing else is left anywhere
     */
    public static NDArray select(NDArray mask, NDArray a, NDArray b) {
        NDManager home = a.getManager();
        try (NDManager tmp = home.newSubManager()) {
            NDArray m = own(mask, tmp);
            if (!m.getShape().equals(a.getShape())) {
                m = m.reshape(perImage(a)).broadcast(a.getShape());
            }
            NDArray r = NDArrays.where(m, a, b);
            r.attach(home);
            return r;
        }
    }

    /**
     * {@code Π_{B∞(x0,ε)∩[0,1]}(v)}: clips the perturbation {@code v − x0} to [−ε, ε], then the image to
     * [0,1] (torchattacks' form).
     *
     * @param v candidate images
     * @param x0 clean images, the ball's centres
     * @param eps the radius, in [0,1] pixel units
     */
    public static NDArray projectLinf(NDArray v, NDArray x0, double eps) {
        return v.sub(x0).clip(-eps, eps).add(x0).clip(0, 1);
    }

    /**
     * The same projection as {@link #projectLinf} written as a clamp to the box {@code [x0 − ε, x0 + ε]},
     * then to [0,1], as PyTorch reference code often writes it ({@code torch.min(torch.max(v, x0 - eps),
     * x0 + eps)}, TRADES and CalFAT). A pixel already inside the ball is returned exactly; results differ
     * from {@link #projectLinf} by float rounding only. Use the form of the code you reproduce.
     *
     * @param v candidate images
     * @param x0 clean images, the ball's centres
     * @param eps the radius, in [0,1] pixel units (applied as a float, so float32 images stay float32)
     */
    public static NDArray clampLinf(NDArray v, NDArray x0, double eps) {
        return v.maximum(x0.sub((float) eps)).minimum(x0.add((float) eps)).clip(0, 1);
    }

    /**
     * {@code Π_{B2(x0,ε)∩[0,1]}(v)}: scales each perturbation {@code v − x0} into the L2 ball, then clips
     * the image to [0,1].
     *
     * @param v candidate images
     * @param x0 clean images, the ball's centres
     * @param eps the radius, in [0,1] pixel units
     */
    public static NDArray projectL2(NDArray v, NDArray x0, double eps) {
        NDArray d = v.sub(x0);
        // Clipping to [0,1] afterwards moves every pixel toward x0 ∈ [0,1], so the norm only shrinks.
        NDArray scale = l2(d).add(TINY).pow(-1).mul(eps).minimum(1f);
        return d.mul(broadcastable(scale, d)).add(x0).clip(0, 1);
    }

    /** Per-image {@code z_y − max_{k≠y} z_k} for logits (N, K) and one-hot labels (N, K): negative means fooled. */
    public static NDArray margin(NDArray logits, NDArray oneHot) {
        NDArray oh = local(logits, oneHot);
        NDArray zy = logits.mul(oh).sum(new int[] {1});
        NDArray others = logits.sub(oh.mul(1e9f)).max(new int[] {1});
        return zy.sub(others);
    }

    /** Per-image cross-entropy {@code −log softmax(z)_y} for logits (N, K) and one-hot labels, (N); {@link Losses} has the batch means. */
    public static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }

    /** Per image, whether the logits' top class differs from the label: boolean (N). */
    public static NDArray fooled(NDArray logits, NDArray labels) {
        return logits.argMax(1).neq(labels);
    }

    /** Uniform random signs ±1 of a shape, from the engine's generator (see {@link Seeding}). */
    public static NDArray randomSigns(NDManager m, Shape shape) {
        return m.randomUniform(0f, 1f, shape).lt(0.5f).toType(DataType.FLOAT32, false).mul(2f).sub(1f);
    }
}
