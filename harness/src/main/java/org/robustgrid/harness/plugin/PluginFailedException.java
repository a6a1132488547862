package org.robustgrid.harness.plugin;

/** A plugin's own code threw: the message names the plugin, its jar and what it threw. */
public final class PluginFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginFailedException(String message) {
        super(message);
    }
}
