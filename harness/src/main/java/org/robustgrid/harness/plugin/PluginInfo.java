package org.robustgrid.harness.plugin;

import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;

/**
 * A discovered provider and where it came from.
 *
 * @param kind its kind
 * @param provider the provider instance
 * @param source the jar file name it was loaded from, or {@code classpath}
 * @param version the jar's Implementation-Version, or {@code unknown}
 */
public record PluginInfo(PluginKind kind, PluginProvider<?> provider, String source, String version) {

    /** The provider's id. */
    public String id() {
        return provider.id();
    }
}
