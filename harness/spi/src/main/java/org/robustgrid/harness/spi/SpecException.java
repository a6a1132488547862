package org.robustgrid.harness.spi;

/**
 * Bad input from a user: a malformed spec, an unknown id or key, a value out of range. Its message is
 * one line naming what was wrong and what is accepted; the CLI prints it and exits with code 2.
 */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
