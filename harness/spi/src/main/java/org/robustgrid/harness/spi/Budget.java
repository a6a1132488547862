package org.robustgrid.harness.spi;

/**
 * A perturbation budget: {@code ||x_adv - x||_norm <= eps} per image.
 *
 * @param norm the norm
 * @param eps the radius, in [0,1] pixel units
 */
public record Budget(Norm norm, double eps) {

    /** The norms a budget can be measured in. */
    public enum Norm {
        LINF,
        L2;

        /** The norm's word in specs: {@code linf} or {@code l2}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The norm a spec word names.
         *
         * @param id {@code linf} or {@code l2}
         * @throws SpecException naming the word and the accepted ones
         */
        public static Norm of(String id) {
            for (Norm n : values()) {
                if (n.id().equals(id)) {
                    return n;
                }
            }
            throw new SpecException("norm '" + id + "' is unknown; expected one of linf, l2");
        }
    }

    /**
     * Slack relative to ε. An L2 projection rescales δ by ε/‖δ‖₂ with ‖δ‖₂ summed in float32, whose
     * relative rounding is about √d·2⁻²⁴ for d pixels (3.3e-6 for a 3×32×32 image) with PyTorch's
     * pairwise sums; 1e-5 covers that three times over and is still far below any perturbation that
     * changes a prediction.
     */
    public static final double RELATIVE_TOLERANCE = 1e-5;
    /**
     * Slack in pixel units. An L∞ projection {@code clip(x_adv, x − ε, x + ε)} in float32 can exceed
     * ε by one rounding of a pixel value in [0,1], at most 2⁻²⁴ ≈ 6e-8 (half an ulp of 1), and ε itself
     * rounds up in float32 (8/255 does, by 1.9e-9); 1e-6 is over ten of those, and still 30 times
     * smaller than one 8-bit grey level (1/255).
     */
    public static final double ABSOLUTE_TOLERANCE = 1e-6;

    public Budget {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("eps must be >= 0, got " + eps);
        }
    }

    /** The slack allowed on this budget for float32 rounding: {@code 1e-5·eps + 1e-6}. */
    public double tolerance() {
        return RELATIVE_TOLERANCE * eps + ABSOLUTE_TOLERANCE;
    }

    /**
     * Whether a perturbation of this size (in this budget's norm, [0,1] pixel units) is within the budget, up
     * to {@link #tolerance()}: the one rule for a bounded attack's contract, a minimum-norm attack's success at
     * the budget and a cascade's stages. Comparing a float32 norm with the double ε directly would call a
     * projected perturbation of exactly ε (8/255 rounds up in float32) outside it.
     */
    public boolean admits(double size) {
        return size <= eps + tolerance();
    }
}
