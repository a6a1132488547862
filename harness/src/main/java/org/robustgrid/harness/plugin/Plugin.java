package org.robustgrid.harness.plugin;

import org.robustgrid.harness.spi.Params;

/**
 * A created plugin: the object, the parameters it was made with and where its provider came from; or,
 * when the provider's {@code create} threw, why there is no object. A plugin that failed to create
 * still has its spec and its keys, so the rows it was to produce are recorded as failed with
 * {@link #failure()} while the rest of the grid runs.
 *
 * @param info the provider's registry entry
 * @param params the checked parameters
 * @param instance the created object, or null when {@code create} failed
 * @param failure why {@code create} failed (naming the plugin, its jar and the exception), or null
 * @param <T> the kind's product type
 */
public record Plugin<T>(PluginInfo info, Params params, T instance, String failure) {

    public Plugin {
        if ((instance == null) == (failure == null)) {
            throw new IllegalArgumentException("a plugin has either an instance or a failure");
        }
    }

    /** A plugin that was created. */
    public Plugin(PluginInfo info, Params params, T instance) {
        this(info, params, instance, null);
    }

    /**
     * The created object.
     *
     * @throws PluginFailedException when {@code create} failed, with {@link #failure()} as its message
     */
    @Override
    public T instance() {
        if (failure != null) {
            throw new PluginFailedException(failure);
        }
        return instance;
    }

    /** True when the provider's {@code create} threw. */
    public boolean failed() {
        return failure != null;
    }

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
