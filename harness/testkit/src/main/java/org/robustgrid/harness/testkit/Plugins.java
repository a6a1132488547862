package org.robustgrid.harness.testkit;

import java.util.List;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.PluginInfo;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;
import org.robustgrid.harness.spi.Strategy;

/**
 * The harness's discovery and spec parsing, for a plugin's tests: which providers {@code ServiceLoader}
 * finds on the test class path (your {@code META-INF/services} files at work), and plugins created from
 * spec text exactly as a grid creates them (parameters checked, defaults filled in, the declarations
 * checked as at start-up). Failures are the harness's {@link org.robustgrid.harness.spi.SpecException}s.
 */
public final class Plugins {

    private Plugins() {}

    /** The ids of every provider of {@code kind} found on the class path, sorted. */
    public static List<String> ids(PluginKind kind) {
        return discovered().all(kind).stream().map(PluginInfo::id).toList();
    }

    /** The provider of {@code kind} with this id found on the class path, or a SpecException naming the ids found. */
    public static PluginProvider<?> provider(PluginKind kind, String id) {
        return discovered().info(kind, id).provider();
    }

    /** The activation of a spec such as {@code rrelu(lower=1/8)}, from the providers on the class path. */
    public static Activation activation(String spec) {
        return discovered().activation(spec).instance();
    }

    /** The attack of a spec such as {@code pgd(eps=8/255,steps=10)}, from the providers on the class path. */
    public static Attack attack(String spec) {
        return discovered().attack(spec).instance();
    }

    /** The partitioner of a spec, from the providers on the class path. */
    public static Partitioner partitioner(String spec) {
        return discovered().partitioner(spec).instance();
    }

    /** The strategy of a spec, from the providers on the class path. */
    public static Strategy strategy(String spec) {
        return discovered().strategy(spec).instance();
    }

    /**
     * What {@code provider} creates from a spec, with discovery off: the spec must name the provider's id.
     *
     * @param provider the provider, registered alone
     * @param spec {@code id} or {@code id(key=value,...)}
     */
    public static <T> T create(PluginProvider<T> provider, String spec) {
        Plugin<T> plugin = PluginRegistry.of(List.of(provider)).create(kindOf(provider), spec);
        return plugin.instance();
    }

    /**
     * The canonical spec of {@code spec} for {@code provider}: every parameter, defaults included, in
     * normalized form, keys sorted ({@code rrelu(lower=0.125,upper=0.3333333333333333)}); what result rows record.
     */
    public static String canonical(PluginProvider<?> provider, String spec) {
        return PluginRegistry.of(List.of(provider)).create(kindOf(provider), spec).canonical();
    }

    /** The id a spec names: {@code pgd} for {@code pgd(steps=20)}; a SpecException when the spec is malformed. */
    public static String id(String spec) {
        return PluginSpec.parse(spec).id();
    }

    private static PluginRegistry discovered() {
        return PluginRegistry.discover(List.of());
    }

    private static PluginKind kindOf(PluginProvider<?> provider) {
        for (PluginKind kind : PluginKind.values()) {
            if (kind.providerType().isInstance(provider)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(provider.getClass().getName() + " implements none of the plugin kinds' provider interfaces");
    }
}
