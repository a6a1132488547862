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
        L2
    }

    public Budget {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("eps must be >= 0, got " + eps);
        }
    }
}
