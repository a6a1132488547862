package org.robustgrid.harness.grid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.train.LrSchedule;
import org.robustgrid.harness.train.Recipe;

/**
 * A grid: the axes to cross and the settings they share. Written as a file of {@code key = value}
 * lines ({@code #} starts a comment; list values are comma-separated plugin specs or numbers) that
 * users keep in version control; command-line flags of the same names override it. Presets ship as
 * resources ({@code quick}, {@code fmnist}, {@code paper}); the plugins an unset axis uses come from the
 * preset {@code defaults}, so the harness names no plugin id in code.
 */
public final class GridSpec {

    /** The preset that gives every plugin axis its default. */
    static final String DEFAULTS_PRESET = "defaults";

    /** Every key a grid file or flag may set, declared once: type, range, default and help. */
    public static final List<GridKey> KEYS = keys();

    private static final Map<String, GridKey> BY_NAME = byName();

    private final Map<String, String> values;

    private GridSpec(Map<String, String> values) {
        this.values = values;
    }

    private static List<GridKey> keys() {
        Map<String, String> plugins = lines(resource(DEFAULTS_PRESET), "preset " + DEFAULTS_PRESET, null);
        List<GridKey> k = new ArrayList<>();
        k.add(new GridKey(ParamSpec.text("dataset", Defaults.DATASET, "data set: " + String.join(", ", Datasets.ids())
                + " (synthetic takes parameters)"), false));
        k.add(new GridKey(ParamSpec.text("models", Defaults.MODEL, "model (architecture) specs, e.g. resnet18, small-cnn,"
                + " preact-resnet18, wide-resnet(depth=28,widen=10) (robustgrid plugins lists them); torchscript(file=PATH) evaluates a"
                + " PyTorch model as it is, and the training keys (activations, train-attacks, strategies, seeds, the recipe) do not apply"
                + " to it"), true));
        k.add(new GridKey(ParamSpec.text("activations", plugins.get("activations"), "activation specs"), true));
        k.add(new GridKey(ParamSpec.choice("lr-schedules", Defaults.LR_SCHEDULE, LrSchedule.ids(), "learning-rate schedules"), true));
        k.add(new GridKey(ParamSpec.text("train-attacks", plugins.get("train-attacks"), "training attack specs, or none"), true));
        k.add(new GridKey(ParamSpec.text("eval-attacks", plugins.get("eval-attacks"), "evaluation attack specs"), true));
        k.add(new GridKey(ParamSpec.text("partitioners", plugins.get("partitioners"), "partitioner specs for federated strategies"), true));
        k.add(new GridKey(ParamSpec.real("shares", 0, 0, 1, "data-sharing fractions for federated strategies: each client receives"
                + " this fraction of its own data size from the shared pool"), true));
        k.add(new GridKey(ParamSpec.real("share-pool", Defaults.SHARING_POOL_FRACTION, 1e-6, 1, "size of the shared class-balanced pool as"
                + " a fraction of the training set (Zhao et al. 2018's beta; docs/federated.md)"), false));
        k.add(new GridKey(ParamSpec.text("strategies", plugins.get("strategies"), "strategy specs"), true));
        k.add(new GridKey(ParamSpec.integer("seeds", Defaults.SEED, -MAX_SEED, MAX_SEED, "seeds"), true));
        k.add(new GridKey(ParamSpec.integer("clients", Defaults.CLIENTS, 1, 100_000, "federated clients"), false));
        k.add(new GridKey(ParamSpec.integer("rounds", Defaults.ROUNDS, 1, 100_000, "federated rounds"), false));
        k.add(new GridKey(ParamSpec.real("client-fraction", Defaults.CLIENT_FRACTION, 1e-9, 1, "fraction of clients training each round"),
                false));
        for (ParamSpec p : Recipe.PARAMETERS) {
            k.add(new GridKey(p, false));
        }
        k.add(new GridKey(ParamSpec.integer("train-limit", 0, 0, Integer.MAX_VALUE, "use only the first N training images (0: all)"),
                false));
        k.add(new GridKey(ParamSpec.integer("eval-limit", Defaults.EVAL_LIMIT, 0, Integer.MAX_VALUE,
                "test images attacked per eval attack (0: all)"), false));
        k.add(new GridKey(ParamSpec.text(EVAL_LIMITS, NO_EVAL_LIMITS, "per-attack eval images overriding eval-limit, ID=N for an eval"
                + " attack's id, comma-separated (e.g. autoattack=1000,cw=1000, to run costly attacks on the first 1,000 images only), or none"),
                false));
        k.add(new GridKey(ParamSpec.text(EVAL_SEEDS, NO_EVAL_LIMITS, "per-attack seeds restricting an eval attack to the models of"
                + " those seeds, ID=S or ID=S|S|..., comma-separated (e.g. autoattack=0, to run a costly attack on one seed's models only), or"
                + " none"), false));
        k.add(new GridKey(ParamSpec.text(EVAL_SCHEDULES, NO_EVAL_LIMITS, "per-attack learning-rate schedules restricting an eval attack"
                + " to the models trained with them, ID=S or ID=S|S, comma-separated (e.g. autoattack=cosine), or none"), false));
        k.add(new GridKey(ParamSpec.integer("eval-batch", Defaults.EVAL_BATCH_SIZE, 1, 65_536, "batch size of evaluation"), false));
        return List.copyOf(k);
    }

    /** The key of per-attack eval limits, and its value (and {@code eval-seeds}'s) when there are none. */
    public static final String EVAL_LIMITS = "eval-limits";
    public static final String NO_EVAL_LIMITS = "none";
    /** The key of per-attack seeds (its value when there are none is also {@link #NO_EVAL_LIMITS}). */
    public static final String EVAL_SEEDS = "eval-seeds";
    /** The key of per-attack learning-rate schedules (none: {@link #NO_EVAL_LIMITS}). */
    public static final String EVAL_SCHEDULES = "eval-schedules";

    /** Seeds are exact in a double up to 2^53, the range {@link ParamSpec} checks in. */
    private static final long MAX_SEED = 1L << 53;

    private static Map<String, GridKey> byName() {
        Map<String, GridKey> m = new LinkedHashMap<>();
        KEYS.forEach(k -> m.put(k.name(), k));
        return m;
    }

    /** The declaration of a key. */
    public static GridKey key(String name) {
        GridKey k = BY_NAME.get(name);
        if (k == null) {
            throw new SpecException("unknown grid key '" + name + "'; keys: " + String.join(", ", BY_NAME.keySet()));
        }
        return k;
    }

    /** Defaults only. */
    public static GridSpec defaults() {
        Map<String, String> v = new LinkedHashMap<>();
        KEYS.forEach(k -> v.put(k.name(), k.spec().defaultValue()));
        return new GridSpec(v);
    }

    /** A preset shipped with the harness, by name. */
    public static GridSpec preset(String name) {
        if (!presets().contains(name)) {
            throw new SpecException("unknown preset '" + name + "'; available: " + String.join(", ", presets()));
        }
        return defaults().with(parse(resource(name), "preset " + name));
    }

    private static String resource(String name) {
        try (InputStream in = GridSpec.class.getResourceAsStream("/presets/" + name + ".grid")) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the harness jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the shipped presets. */
    public static List<String> presets() {
        return List.of("quick", "fmnist", "fmnist-federated", "fmnist-federated-baselines", "paper", "paper-federated");
    }

    /** A grid file on disk, over the defaults. */
    public static GridSpec file(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new SpecException("grid file " + path + " does not exist; give a grid file or --preset "
                    + String.join("|", presets()));
        }
        try {
            return defaults().with(parse(Files.readString(path, StandardCharsets.UTF_8), path.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read grid file " + path, e);
        }
    }

    /** Keys grid files wrote before they became axes, read as the axis: {@code model = x} is {@code models = x}. */
    private static final Map<String, String> RENAMED = Map.of("model", "models");

    /** {@code key = value} lines to a map, rejecting unknown keys. */
    static Map<String, String> parse(String text, String where) {
        java.util.Set<String> known = new java.util.LinkedHashSet<>(BY_NAME.keySet());
        known.addAll(RENAMED.keySet());
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        lines(text, where, known).forEach((k, v) -> {
            String name = RENAMED.getOrDefault(k, k);
            out.put(name, v);
            String before = written.put(name, k);
            if (before != null) {
                throw new SpecException(where + ": '" + before + "' and '" + k + "' both set; '" + name + "' is the key");
            }
        });
        return out;
    }

    /** {@code key = value} lines to a map; {@code #} starts a comment; keys outside {@code known} are refused (null: any). */
    private static Map<String, String> lines(String text, String where, java.util.Set<String> known) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new SpecException(where + " line " + (i + 1) + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            if (known != null && !known.contains(key)) {
                throw new SpecException(where + " line " + (i + 1) + ": unknown key '" + key + "'; keys: "
                        + String.join(", ", known.stream().filter(k -> !RENAMED.containsKey(k)).toList()));
            }
            out.put(key, line.substring(eq + 1).strip());
        }
        return out;
    }

    /** This grid with some values replaced (flags over a file). */
    public GridSpec with(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String name = RENAMED.getOrDefault(e.getKey(), e.getKey());
            key(name);
            if (e.getValue() != null) {
                v.put(name, e.getValue());
            }
        }
        return new GridSpec(v);
    }

    /** A value as written. */
    public String get(String key) {
        return values.get(key);
    }

    /** An axis's elements, each checked against the key's declaration and normalized. */
    public List<String> list(String key) {
        return key(key).check(values.get(key));
    }

    /** An axis of reals, duplicates removed, in order. */
    public List<Double> reals(String key) {
        return list(key).stream().distinct().map(Double::parseDouble).toList();
    }

    /** An axis of integers, duplicates removed, in order. */
    public List<Long> longs(String key) {
        return list(key).stream().distinct().map(Long::parseLong).toList();
    }

    /** An integer setting, range-checked. */
    public int integer(String key) {
        return Math.toIntExact(Long.parseLong(single(key)));
    }

    /** A real setting, range-checked. */
    public double real(String key) {
        return Double.parseDouble(single(key));
    }

    /** The recipe's settings, checked, as {@link Params} of the recipe's declared parameters. */
    public Params recipeParams() {
        Map<String, String> raw = new LinkedHashMap<>();
        for (ParamSpec p : Recipe.PARAMETERS) {
            raw.put(p.name(), single(p.name()));
        }
        return Params.resolve("recipe", Recipe.PARAMETERS, raw);
    }

    private String single(String key) {
        GridKey k = key(key);
        if (k.axis()) {
            throw new IllegalArgumentException(key + " is an axis");
        }
        return k.check(values.get(key)).get(0);
    }

    /** The grid as a file text, for {@code --dry-run} and for records of what ran. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s = %s%n", k, v)));
        return sb.toString();
    }
}
