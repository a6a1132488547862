package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.robustgrid.harness.spi.Perturbations;
import org.robustgrid.harness.spi.Scalars;

/**
 * The Difference of Logits Ratio losses of AutoAttack (Croce and Hein 2020), per image, for logits (N, K)
 * sorted descending as π: shift- and scale-invariant, so a model whose logits are rescaled (or whose
 * cross-entropy saturates) gives the attack the same gradient direction.
 */
final class DlrLosses {

    /** Keeps the ratio finite where the top logits coincide; the reference's constant. */
    private static final double FLOOR = 1e-12;

    private DlrLosses() {}

    /**
     * {@code DLR(z, y) = −(z_y − max_{k≠y} z_k) / (z_π1 − z_π3)}, (N); needs K ≥ 3.
     *
     * @param oneHot the true classes, (N, K)
     */
    static NDArray dlr(NDArray logits, NDArray oneHot) {
        // sorted ascending as the reference sorts, so that ties route the gradient as its sort does
        NDArray sorted = logits.sort(1);
        NDArray trueIsTop = logits.argSort(1).get(new NDIndex(":, -1")).eq(Perturbations.local(logits, oneHot).argMax(1))
                .toType(logits.getDataType(), false);
        NDArray zy = logits.mul(oneHot).sum(new int[] {1});
        NDArray top = sorted.get(new NDIndex(":, -1"));
        NDArray second = sorted.get(new NDIndex(":, -2"));
        NDArray third = sorted.get(new NDIndex(":, -3"));
        NDArray otherMax = second.mul(trueIsTop).add(top.mul(trueIsTop.neg().add(1f)));
        return zy.sub(otherMax).neg().div(top.sub(third).add(FLOOR));
    }

    /**
     * {@code DLR_t(z, y, t) = −(z_y − z_t) / (z_π1 − ½(z_π3 + z_π4))}, (N); needs K ≥ 4.
     *
     * @param oneHot the true classes, (N, K)
     * @param target the target classes, (N, K) one-hot
     */
    static NDArray targetedDlr(NDArray logits, NDArray oneHot, NDArray target) {
        NDArray sorted = logits.sort(1);
        NDArray zy = logits.mul(oneHot).sum(new int[] {1});
        NDArray zt = logits.mul(target).sum(new int[] {1});
        NDArray top = sorted.get(new NDIndex(":, -1"));
        NDArray lower = sorted.get(new NDIndex(":, -3")).add(sorted.get(new NDIndex(":, -4")));
        return zy.sub(zt).neg().div(top.sub(lower.mul(Scalars.of(lower, 0.5))).add(FLOOR));
    }
}
