package org.robustgrid.harness.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.Optional;
import org.robustgrid.harness.spi.Budget;

/**
 * Checks what an attack returned for one batch against the {@link org.robustgrid.harness.spi.Attack}
 * contract, so that a broken plugin fails its row instead of silently lowering a published accuracy.
 *
 * <p>The checks, in order, the first that fails being reported: the shape of {@code x}; every pixel
 * finite; every pixel in [0,1], exactly (clipping in float32 is exact, so a correct attack needs no
 * slack); and, for a bounded attack, every image within its budget up to {@link Budget#tolerance()}.
 */
public final class AttackContract {

    private AttackContract() {}

    /** The checks, in the order they run. */
    public enum Check {
        /** {@code x_adv} has another shape than {@code x}. */
        SHAPE,
        /** Some pixel is NaN or infinite. */
        FINITE,
        /** Some pixel is below 0 or above 1. */
        BOX,
        /** Some image's perturbation is larger than the attack's budget. */
        BUDGET
    }

    /**
     * A broken promise.
     *
     * @param check the first check that failed
     * @param image the index in the batch of the first offending image, or -1 for {@link Check#SHAPE}
     * @param largest for {@link Check#BUDGET} the largest norm seen in the batch (budget's norm, [0,1]
     *     pixel units); for {@link Check#BOX} the pixel value furthest outside [0,1]; for
     *     {@link Check#FINITE} the number of non-finite pixels; NaN for {@link Check#SHAPE}
     * @param budget the budget the batch was checked against, empty for a minimum-norm attack
     * @param detail one line saying what was expected and what was found
     */
    public record Violation(Check check, int image, double largest, Optional<Budget> budget, String detail) {}

    /**
     * Checks one batch. Neither array is modified; the arrays made here are freed before returning.
     *
     * @param x the clean images given to the attack, NCHW
     * @param xAdv what the attack returned
     * @param budget the attack's {@link org.robustgrid.harness.spi.Attack#budget() projection budget};
     *     empty for a minimum-norm attack, which is checked for shape, finiteness and box only
     * @return the first violation, or empty when the batch keeps the contract
     */
    public static Optional<Violation> check(NDArray x, NDArray xAdv, Optional<Budget> budget) {
        if (!x.getShape().equals(xAdv.getShape())) {
            return Optional.of(new Violation(Check.SHAPE, -1, Double.NaN, budget,
                    "returned shape " + xAdv.getShape() + "; expected the input's " + x.getShape()));
        }
        int n = Math.toIntExact(x.getShape().get(0));
        try (NDManager scope = xAdv.getManager().newSubManager()) {
            // double precision: the norms are compared with a tolerance far below float32's rounding of a sum
            NDArray adv = xAdv.toType(DataType.FLOAT64, true);
            adv.attach(scope);
            NDArray clean = x.toType(DataType.FLOAT64, true);
            clean.attach(scope);
            NDArray flat = adv.reshape(n, -1);
            NDArray bad = flat.isNaN().logicalOr(flat.isInfinite());
            long nonFinite = bad.sum().toType(DataType.INT64, false).getLong();
            if (nonFinite > 0) {
                int first = firstTrue(bad.sum(new int[] {1}).gt(0).toBooleanArray());
                return Optional.of(new Violation(Check.FINITE, first, nonFinite, budget,
                        nonFinite + " pixels are NaN or infinite, the first in image " + first + "; expected finite pixels"));
            }
            // how far each image's pixels reach outside [0,1]: max(-min, max - 1), positive when outside
            double[] below = flat.min(new int[] {1}).neg().toDoubleArray();
            double[] above = flat.max(new int[] {1}).sub(1).toDoubleArray();
            int worst = -1;
            double worstBy = 0;
            for (int i = 0; i < n; i++) {
                double by = Math.max(below[i], above[i]);
                if (by > worstBy) {
                    worstBy = by;
                    worst = i;
                }
            }
            if (worst >= 0) {
                double value = below[worst] >= above[worst] ? -below[worst] : 1 + above[worst];
                int first = firstTrue(outside(below, above));
                return Optional.of(new Violation(Check.BOX, first, value, budget, String.format(Locale.ROOT,
                        "pixel value %s in image %d (first outside in image %d); expected pixels in [0,1]", value, worst, first)));
            }
            if (budget.isEmpty()) {
                return Optional.empty();
            }
            Budget b = budget.get();
            NDArray delta = flat.sub(clean.reshape(n, -1));
            double[] norms = (b.norm() == Budget.Norm.LINF ? delta.abs().max(new int[] {1}) : delta.norm(new int[] {1}))
                    .toDoubleArray();
            double limit = b.eps() + b.tolerance();
            int first = -1;
            double largest = 0;
            for (int i = 0; i < n; i++) {
                largest = Math.max(largest, norms[i]);
                if (first < 0 && norms[i] > limit) {
                    first = i;
                }
            }
            if (first >= 0) {
                return Optional.of(new Violation(Check.BUDGET, first, largest, Optional.of(b), String.format(Locale.ROOT,
                        "%s norm of the perturbation up to %s (first over in image %d); expected at most eps=%s (+%s tolerance)",
                        b.norm().id(), largest, first, b.eps(), b.tolerance())));
            }
            return Optional.empty();
        }
    }

    private static boolean[] outside(double[] below, double[] above) {
        boolean[] out = new boolean[below.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = below[i] > 0 || above[i] > 0;
        }
        return out;
    }

    private static int firstTrue(boolean[] flags) {
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                return i;
            }
        }
        return -1;
    }
}
