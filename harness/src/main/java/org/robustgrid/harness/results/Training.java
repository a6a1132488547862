package org.robustgrid.harness.results;

/**
 * A model's size and what its training cost (the same on every row of the model, also when a later run
 * restored it from its checkpoint).
 *
 * @param params trainable values; -1 when not known (the model was never built)
 * @param steps optimizer steps of its whole training; -1 when not known
 * @param seconds wall time of its training; NaN when not known
 */
public record Training(long params, long steps, double seconds) {

    /** A model that failed before it was built or trained. */
    public static final Training UNKNOWN = new Training(-1, -1, Double.NaN);
}
