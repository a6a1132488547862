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
 * @param digest 16 hex digits of SHA-256 over the jar's contents (its manifest aside), or over the
 *     provider's class file for a provider on the class path: what a model key records of the plugin
 */
public record PluginInfo(PluginKind kind, PluginProvider<?> provider, String source, String version, String digest) {

    /** The provider's id. */
    public String id() {
        return provider.id();
    }

    /** How failure messages name the plugin: {@code attack plugin 'pgd' (plugins-attacks-0.1.0.jar, 0.1.0)}. */
    public String who() {
        return kind.label() + " plugin '" + id() + "' (" + source() + ", " + version() + ")";
    }
}
