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
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Names;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.SpiVersion;
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
            if (!Names.isLowerKebab(id)) {
                throw new SpecException("plugin " + info.provider().getClass().getName() + " from " + info.source()
                        + " has invalid id '" + id + "'; ids are " + Names.RULE);
            }
            checkDeclarations(info);
            PluginInfo previous = byKind.get(info.kind()).putIfAbsent(id, info);
            if (previous != null) {
                throw new SpecException("two " + info.kind().label() + " plugins have id '" + id + "': "
                        + previous.provider().getClass().getName() + " from " + previous.source() + " and "
                        + info.provider().getClass().getName() + " from " + info.source() + "; remove one of the jars");
            }
        }
    }

    /** {@link #discover(List)} of one folder (which may be absent). */
    public static PluginRegistry discover(Path pluginDir) {
        return discover(pluginDir == null ? List.of() : List.of(pluginDir));
    }

    /**
     * Finds providers with {@link ServiceLoader} on the class path and in every {@code *.jar} of each
     * folder (a folder that does not exist is skipped). Each jar gets a class loader of its own whose
     * parent shows only the SPI and the libraries it speaks ({@link SpiOnlyClassLoader}); a jar built
     * for another major SPI version, or one that fails to load, is refused naming the jar.
     */
    public static PluginRegistry discover(List<Path> pluginDirs) {
        ClassLoader harness = PluginRegistry.class.getClassLoader();
        List<PluginInfo> infos = new ArrayList<>(load(harness, null));
        ClassLoader spiOnly = new SpiOnlyClassLoader(harness);
        for (Path dir : pluginDirs) {
            if (!Files.exists(dir)) {
                continue;
            }
            if (!Files.isDirectory(dir)) {
                throw new SpecException("plugin folder " + dir + " is not a directory; expected a folder of plugin jars");
            }
            List<Path> jars;
            try (Stream<Path> files = Files.list(dir)) {
                jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list plugin folder " + dir, e);
            }
            for (Path file : jars) {
                PluginJar jar = PluginJar.read(file);
                jar.checkSpi(SpiVersion.CURRENT);
                try {
                    URLClassLoader loader = new URLClassLoader(Blame.LOADER_PREFIX + file.getFileName(), new URL[] {file.toUri().toURL()}, spiOnly);
                    infos.addAll(load(loader, jar));
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new PluginRegistry(infos);
    }

    /** The providers a loader itself defines (a jar's), or every provider it sees (the class path, {@code jar} null). */
    private static List<PluginInfo> load(ClassLoader loader, PluginJar jar) {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            try {
                for (PluginProvider<?> provider : ServiceLoader.load(kind.providerType(), loader)) {
                    if (jar == null) {
                        infos.add(new PluginInfo(kind, provider, sourceOf(provider), versionOf(provider), PluginJar.classDigest(provider.getClass())));
                    } else if (provider.getClass().getClassLoader() == loader) {
                        infos.add(new PluginInfo(kind, provider, jar.file().getFileName().toString(), jar.version(), jar.digest()));
                    }
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new SpecException("a " + kind.label() + " plugin " + (jar == null ? "on the class path" : "in " + jar.file().getFileName())
                        + " failed to load: " + e.getMessage());
            }
        }
        return infos;
    }

    /** A registry of providers given by hand, with discovery off. */
    public static PluginRegistry of(List<? extends PluginProvider<?>> providers) {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginProvider<?> p : providers) {
            infos.add(new PluginInfo(kindOf(p), p, sourceOf(p), versionOf(p), PluginJar.classDigest(p.getClass())));
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

    /**
     * Parses a spec, checks its parameters and creates the plugin. A malformed spec, an unknown id or a
     * value the provider refuses ({@link SpecException}) is bad input and thrown; any other exception
     * from the provider's {@code create} is the plugin's failure, returned as a {@link Plugin#failed()
     * failed} plugin so the grid records its rows as failed and goes on.
     */
    public <T> Plugin<T> create(PluginKind kind, String specText) {
        PluginSpec spec = PluginSpec.parse(specText);
        PluginInfo info = info(kind, spec.id());
        Params params = Params.resolve(spec.id(), info.provider().parameters(), spec.raw());
        try {
            @SuppressWarnings("unchecked")
            T instance = (T) info.provider().create(params);
            if (instance == null) {
                return new Plugin<>(info, params, null, info.who() + " returned null from create(" + params.canonical() + ")");
            }
            return new Plugin<>(info, params, instance);
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            return new Plugin<>(info, params, null, info.who() + " failed in create(" + params.canonical() + "): " + Blame.describe(e));
        }
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

    /** {@link #create} for a model architecture. */
    public Plugin<Architecture> model(String spec) {
        return create(PluginKind.MODEL, spec);
    }

    /**
     * A plugin's declarations checked at start-up, so a mistake names its jar before any grid runs. A
     * parameter name that is not lower-kebab is refused by {@link ParamSpec} itself, while the plugin
     * declares it.
     */
    private static void checkDeclarations(PluginInfo info) {
        String who = info.kind().label() + " plugin '" + info.id() + "' (" + info.provider().getClass().getName() + " from " + info.source() + ")";
        String description;
        List<ParamSpec> parameters;
        try {
            description = info.provider().description();
            parameters = info.provider().parameters();
        } catch (IllegalArgumentException e) {
            throw new SpecException(who + ": " + e.getMessage());
        } catch (LinkageError | RuntimeException e) {
            throw new SpecException(who + " failed while declaring itself: " + e
                    + (e instanceof NoClassDefFoundError ? "; a plugin may use only " + String.join(" ", SpiOnlyClassLoader.VISIBLE)
                            + " and the classes in its own jar" : ""));
        }
        if (description == null || description.isBlank()) {
            throw new SpecException(who + " has no description; expected one line saying what it is");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ParamSpec p : parameters) {
            if (!names.add(p.name())) {
                throw new SpecException(who + " declares parameter '" + p.name() + "' twice");
            }
            p.normalize(p.defaultValue() == null ? "" : p.defaultValue().strip(), who + ": the default of parameter '" + p.name() + "'");
        }
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
