package org.robustgrid.harness.train;

/** Training produced a NaN or infinite loss; the model is abandoned with this reason and the grid goes on. */
public final class DivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DivergedException(String message) {
        super(message);
    }
}
