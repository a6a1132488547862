package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per-image array helpers shared by the attacks. Images are NCHW (any rank ≥ 2 works); per-image
 * values are shape (N). Unless said otherwise a result is attached to its first argument's manager.
 */
final class Tensors {

    /** Keeps a norm's division finite for an all-zero perturbation or gradient. */
    static final float TINY = 1e-12f;

    private Tensors() {}

    /** A copy of {@code a} owned by {@code m}; the caller's array is never attached elsewhere. */
    static NDArray own(NDArray a, NDManager m) {
        NDArray c = a.duplicate();
        c.attach(m);
        return c;
    }

    /** Labels as an int64 copy owned by {@code m}, comparable with {@code argMax}. */
    static NDArray labels(NDArray y, NDManager m) {
        NDArray c = y.toType(DataType.INT64, true);
        c.attach(m);
        return c;
    }

    /** Attaches {@code a} to {@code m} (it outlives the current iteration) and returns it. */
    static NDArray keep(NDArray a, NDManager m) {
        a.attach(m);
        return a;
    }

    /** Moves arrays that the current iteration replaces into its scope, so they die with it. */
    static void retire(NDManager it, NDArray... old) {
        for (NDArray a : old) {
            a.attach(it);
        }
    }

    /** The shape (N, 1, 1, 1) that broadcasts a per-image value over images shaped like {@code x}. */
    static Shape perImage(NDArray x) {
        long[] dims = new long[x.getShape().dimension()];
        java.util.Arrays.fill(dims, 1L);
        dims[0] = x.getShape().get(0);
        return new Shape(dims);
    }

    /** Broadcasts per-image values {@code v} (N) to multiply images shaped like {@code x}. */
    static NDArray broadcastable(NDArray v, NDArray x) {
        return v.reshape(perImage(x));
    }

    /**
     * A copy of {@code a} in {@code like}'s manager, for a long-lived array that must be the first
     * operand of an operation (DJL attaches results to the first operand's manager).
     */
    static NDArray local(NDArray like, NDArray a) {
        return like.getManager().zeros(a.getShape(), a.getDataType()).add(a);
    }

    /** Per-image L2 norm, (N). */
    static NDArray l2(NDArray d) {
        return flat(d).square().sum(new int[] {1}).sqrt();
    }

    /** Per-image L1 norm, (N). */
    static NDArray l1(NDArray d) {
        return flat(d).abs().sum(new int[] {1});
    }

    /** Per-image L∞ norm, (N). */
    static NDArray linf(NDArray d) {
        return flat(d).abs().max(new int[] {1});
    }

    /** Per-image sum of squares, (N). */
    static NDArray squaredL2(NDArray d) {
        return flat(d).square().sum(new int[] {1});
    }

    /** The images as rows, (N, pixels). */
    static NDArray flat(NDArray x) {
        return x.reshape(x.getShape().get(0), -1);
    }

    /** {@code atanh(v) = ½·ln((1 + v)/(1 − v))}; the engine has no atanh. */
    static NDArray atanh(NDArray v) {
        return v.add(1f).div(v.neg().add(1f)).log().mul(0.5f);
    }

    /**
     * Per image, {@code a} where {@code mask} is true, else {@code b}; exact (no arithmetic blend).
     *
     * @param mask boolean (N), or boolean of {@code a}'s shape
     * @return attached to {@code a}'s manager; nothing else is left anywhere
     */
    static NDArray select(NDArray mask, NDArray a, NDArray b) {
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

    /** {@code Π_{B∞(x0,ε)∩[0,1]}(v)}: clips the perturbation to [-ε, ε], then the image to [0,1]. */
    static NDArray projectLinf(NDArray v, NDArray x0, double eps) {
        return v.sub(x0).clip(-eps, eps).add(x0).clip(0, 1);
    }

    /** {@code Π_{B2(x0,ε)∩[0,1]}(v)}: scales each perturbation into the ball, then clips to [0,1]. */
    static NDArray projectL2(NDArray v, NDArray x0, double eps) {
        NDArray d = v.sub(x0);
        // Clipping to [0,1] afterwards moves every pixel toward x0 ∈ [0,1], so the norm only shrinks.
        NDArray scale = l2(d).add(TINY).pow(-1).mul(eps).minimum(1f);
        return d.mul(broadcastable(scale, d)).add(x0).clip(0, 1);
    }

    /** Per-image {@code z_y - max_{k≠y} z_k} for logits (N, K) and one-hot labels (N, K): negative means fooled. */
    static NDArray margin(NDArray logits, NDArray oneHot) {
        NDArray oh = local(logits, oneHot);
        NDArray zy = logits.mul(oh).sum(new int[] {1});
        NDArray others = logits.sub(oh.mul(1e9f)).max(new int[] {1});
        return zy.sub(others);
    }

    /** Per-image cross-entropy {@code -log softmax(z)_y}, (N). */
    static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }

    /** Per image, whether the logits' top class differs from the label: boolean (N). */
    static NDArray fooled(NDArray logits, NDArray labels) {
        return logits.argMax(1).neq(labels);
    }

    /** Uniform random signs ±1 of a shape, from the engine's generator. */
    static NDArray randomSigns(NDManager m, Shape shape) {
        return m.randomUniform(0f, 1f, shape).lt(0.5f).toType(DataType.FLOAT32, false).mul(2f).sub(1f);
    }
}
