package org.robustgrid.harness.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.Strategy;

/**
 * Every plugin provider the harness can use, by kind and id. Built by {@link #discover} from the
 * class path and a plugin folder, or by {@link #of} from providers registered by hand (tests).
 */
public final class PluginRegistry {

    private final Map<PluginKind, Map<String, PluginInfo>> byKind = new TreeMap<>();

    private PluginRegistry(List<PluginInfo> infos) {
        for (PluginKind kind : PluginKind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
        for (PluginInfo info : infos) {
            String id = info.provider().id();
            if (id == null || !PluginSpec.ID.matcher(id).matches()) {
                throw new SpecException("plugin " + info.provider().getClass().getName() + " from " + info.source()
                        + " has invalid id '" + id + "'; ids are lower-kebab like 'hard-tanh'");
            }
            PluginInfo previous = byKind.get(info.kind()).putIfAbsent(id, info);
            if (previous != null) {
                throw new SpecException("two " + info.kind().label() + " plugins have id '" + id + "': "
                        + previous.provider().getClass().getName() + " from " + previous.source() + " and "
                        + info.provider().getClass().getName() + " from " + info.source() + "; remove one of the jars");
            }
        }
    }

    /**
     * Finds providers with {@link ServiceLoader} on the class path and in every {@code *.jar} of
     * {@code pluginDir} (which may be absent).
     */
    public static PluginRegistry discover(Path pluginDir) {
        ClassLoader parent = PluginRegistry.class.getClassLoader();
        ClassLoader loader = parent;
        if (pluginDir != null && Files.isDirectory(pluginDir)) {
            List<URL> urls = new ArrayList<>();
            try (Stream<Path> files = Files.list(pluginDir)) {
                for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list plugin folder " + pluginDir, e);
            }
            loader = new URLClassLoader("robustgrid-plugins", urls.toArray(URL[]::new), parent);
        } else if (pluginDir != null && Files.exists(pluginDir)) {
            throw new SpecException("plugin folder " + pluginDir + " is not a directory; expected a folder of plugin jars");
        }
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            try {
                for (PluginProvider<?> provider : ServiceLoader.load(kind.providerType(), loader)) {
                    infos.add(new PluginInfo(kind, provider, sourceOf(provider), versionOf(provider)));
                }
            } catch (ServiceConfigurationError e) {
                throw new SpecException("a " + kind.label() + " plugin failed to load: " + e.getMessage());
            }
        }
        return new PluginRegistry(infos);
    }

    /** A registry of providers given by hand, with discovery off. */
    public static PluginRegistry of(List<? extends PluginProvider<?>> providers) {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginProvider<?> p : providers) {
            infos.add(new PluginInfo(kindOf(p), p, sourceOf(p), versionOf(p)));
        }
        return new PluginRegistry(infos);
    }

    /** Every provider, sorted by kind then id. */
    public List<PluginInfo> all() {
        return byKind.values().stream().flatMap(m -> m.values().stream()).collect(Collectors.toList());
    }

    /** The providers of one kind, sorted by id. */
    public List<PluginInfo> all(PluginKind kind) {
        return List.copyOf(byKind.get(kind).values());
    }

    /** The provider with this id, or a {@link SpecException} naming the ids that exist. */
    public PluginInfo info(PluginKind kind, String id) {
        PluginInfo info = byKind.get(kind).get(id);
        if (info == null) {
            Map<String, PluginInfo> known = byKind.get(kind);
            throw new SpecException("unknown " + kind.label() + " '" + id + "'; available: "
                    + (known.isEmpty() ? "none (is the plugin folder empty? build with 'mvn package' or pass --plugins DIR)"
                            : String.join(", ", known.keySet())));
        }
        return info;
    }

    /** Parses a spec, checks its parameters and creates the plugin. */
    public <T> Plugin<T> create(PluginKind kind, String specText) {
        PluginSpec spec = PluginSpec.parse(specText);
        PluginInfo info = info(kind, spec.id());
        Params params = Params.resolve(spec.id(), info.provider().parameters(), spec.raw());
        @SuppressWarnings("unchecked")
        T instance = (T) info.provider().create(params);
        return new Plugin<>(info, params, instance);
    }

    /** {@link #create} for an activation. */
    public Plugin<Activation> activation(String spec) {
        return create(PluginKind.ACTIVATION, spec);
    }

    /** {@link #create} for an attack. */
    public Plugin<Attack> attack(String spec) {
        return create(PluginKind.ATTACK, spec);
    }

    /** {@link #create} for a partitioner. */
    public Plugin<Partitioner> partitioner(String spec) {
        return create(PluginKind.PARTITIONER, spec);
    }

    /** {@link #create} for a strategy. */
    public Plugin<Strategy> strategy(String spec) {
        return create(PluginKind.STRATEGY, spec);
    }

    private static PluginKind kindOf(PluginProvider<?> p) {
        for (PluginKind kind : PluginKind.values()) {
            if (kind.providerType().isInstance(p)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(p.getClass().getName() + " implements no plugin kind interface");
    }

    static String sourceOf(PluginProvider<?> p) {
        CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "classpath";
        }
        String path = cs.getLocation().getPath();
        return path.endsWith(".jar") ? Path.of(path).getFileName().toString() : "classpath";
    }

    private static String versionOf(PluginProvider<?> p) {
        String v = p.getClass().getPackage() == null ? null : p.getClass().getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
