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

    public Budget {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("eps must be >= 0, got " + eps);
        }
    }
}
