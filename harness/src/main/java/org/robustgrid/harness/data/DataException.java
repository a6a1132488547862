package org.robustgrid.harness.data;

import org.robustgrid.harness.spi.SpecException;

/** A data file that is missing, truncated or corrupt: bad input, reported in one line with exit code 2. */
public class DataException extends SpecException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
