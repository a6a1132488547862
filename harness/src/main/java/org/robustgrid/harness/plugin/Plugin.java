package org.robustgrid.harness.plugin;

import org.robustgrid.harness.spi.Params;

/**
 * A created plugin: the object, the parameters it was made with and where its provider came from.
 *
 * @param info the provider's registry entry
 * @param params the checked parameters
 * @param instance the created object
 * @param <T> the kind's product type
 */
public record Plugin<T>(PluginInfo info, Params params, T instance) {

    /** The canonical spec, stable across spellings ({@code 8/255} and its decimal give one text). */
    public String canonical() {
        return params.canonical();
    }

    /** {@code id@version}, for provenance. */
    public String versioned() {
        return info.id() + "@" + info.version();
    }

    /** {@code id=jar#digest}: where the code that made a row came from, for provenance. */
    public String source() {
        return info.id() + "=" + info.source() + "#" + info.digest();
    }
}
