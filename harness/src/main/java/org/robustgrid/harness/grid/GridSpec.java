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
import java.util.Set;
import java.util.TreeSet;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/**
 * A grid: the axes to cross and the settings they share. Written as a file of {@code key = value}
 * lines ({@code #} starts a comment; list values are comma-separated plugin specs or numbers) that
 * users keep in version control; command-line flags of the same names override it. Presets ship as
 * resources ({@code quick}, {@code fmnist}, {@code paper}).
 */
public final class GridSpec {

    /** Every key a grid file or flag may set, with its default and meaning. */
    public static final Map<String, String[]> KEYS = keys();

    private final Map<String, String> values;

    private GridSpec(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put("dataset", new String[] {Defaults.DATASET, "data set id: fashion-mnist, cifar10 or synthetic(...)"});
        k.put("model", new String[] {Defaults.MODEL, "model spec: resnet18(width=64) or small-cnn(width=32)"});
        k.put("activations", new String[] {Defaults.ACTIVATION, "activation specs (an axis)"});
        k.put("lr-schedules", new String[] {Defaults.LR_SCHEDULE, "fixed, cosine, step (an axis)"});
        k.put("train-attacks", new String[] {Defaults.TRAIN_ATTACK, "training attack specs, or none (an axis)"});
        k.put("eval-attacks", new String[] {Defaults.EVAL_ATTACKS, "evaluation attack specs"});
        k.put("partitioners", new String[] {Defaults.PARTITIONER, "partitioner specs for federated strategies (an axis)"});
        k.put("shares", new String[] {"0", "data-sharing fractions in [0,1] for federated strategies (an axis)"});
        k.put("strategies", new String[] {Defaults.STRATEGY, "strategy specs (an axis)"});
        k.put("seeds", new String[] {Long.toString(Defaults.SEED), "seeds (an axis)"});
        k.put("clients", new String[] {Integer.toString(Defaults.CLIENTS), "federated clients"});
        k.put("rounds", new String[] {Integer.toString(Defaults.ROUNDS), "federated rounds"});
        k.put("client-fraction", new String[] {Params.format(Defaults.CLIENT_FRACTION), "fraction of clients training each round"});
        k.put("epochs", new String[] {Integer.toString(Defaults.EPOCHS), "epochs (local epochs per round when federated)"});
        k.put("batch", new String[] {Integer.toString(Defaults.BATCH_SIZE), "clean images per training batch"});
        k.put("lr", new String[] {Params.format(Defaults.LEARNING_RATE), "initial learning rate"});
        k.put("momentum", new String[] {Params.format(Defaults.MOMENTUM), "SGD momentum"});
        k.put("weight-decay", new String[] {Params.format(Defaults.WEIGHT_DECAY), "SGD weight decay"});
        k.put("noise", new String[] {Params.format(Defaults.NOISE_SIGMA), "Gaussian noise sigma of the noisy copies (0: none)"});
        k.put("label-smoothing", new String[] {Params.format(Defaults.LABEL_SMOOTHING), "soft-label alpha"});
        k.put("flip", new String[] {"true", "random horizontal flip"});
        k.put("crop-padding", new String[] {Integer.toString(Defaults.CROP_PADDING), "random-crop padding (0: none)"});
        k.put("train-limit", new String[] {"0", "use only the first N training images (0: all)"});
        k.put("eval-limit", new String[] {Integer.toString(Defaults.EVAL_LIMIT), "test images attacked per eval attack (0: all)"});
        k.put("eval-batch", new String[] {Integer.toString(Defaults.EVAL_BATCH_SIZE), "batch size of evaluation"});
        return k;
    }

    /** Defaults only. */
    public static GridSpec defaults() {
        Map<String, String> v = new LinkedHashMap<>();
        KEYS.forEach((key, d) -> v.put(key, d[0]));
        return new GridSpec(v);
    }

    /** A preset shipped with the harness, by name. */
    public static GridSpec preset(String name) {
        try (InputStream in = GridSpec.class.getResourceAsStream("/presets/" + name + ".grid")) {
            if (in == null) {
                throw new SpecException("unknown preset '" + name + "'; available: " + String.join(", ", presets()));
            }
            return defaults().with(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the shipped presets. */
    public static List<String> presets() {
        return List.of("quick", "fmnist", "fmnist-federated", "paper");
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

    /** {@code key = value} lines to a map, rejecting unknown keys. */
    static Map<String, String> parse(String text, String where) {
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
            if (!KEYS.containsKey(key)) {
                throw new SpecException(where + " line " + (i + 1) + ": unknown key '" + key + "'; keys: "
                        + String.join(", ", KEYS.keySet()));
            }
            out.put(key, line.substring(eq + 1).strip());
        }
        return out;
    }

    /** This grid with some values replaced (flags over a file). */
    public GridSpec with(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!KEYS.containsKey(e.getKey())) {
                throw new SpecException("unknown grid key '" + e.getKey() + "'; keys: " + String.join(", ", KEYS.keySet()));
            }
            if (e.getValue() != null) {
                v.put(e.getKey(), e.getValue());
            }
        }
        return new GridSpec(v);
    }

    public String get(String key) {
        return values.get(key);
    }

    /** A list of plugin specs. */
    public List<String> specs(String key) {
        List<String> list = PluginSpec.splitList(values.get(key));
        if (list.isEmpty()) {
            throw new SpecException("grid key '" + key + "' is empty; expected " + KEYS.get(key)[1]);
        }
        return list;
    }

    public int integer(String key, int min, int max) {
        String text = values.get(key);
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SpecException("grid key '" + key + "' is '" + text + "'; expected an integer in [" + min + ", " + max + "]");
    }

    public double real(String key, double min, double max) {
        double v = Params.parseReal(values.get(key));
        if (Double.isNaN(v) || v < min || v > max) {
            throw new SpecException("grid key '" + key + "' is '" + values.get(key) + "'; expected a number in ["
                    + Params.format(min) + ", " + Params.format(max) + "]");
        }
        return v;
    }

    public boolean bool(String key) {
        String text = values.get(key);
        if (!text.equals("true") && !text.equals("false")) {
            throw new SpecException("grid key '" + key + "' is '" + text + "'; expected true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /** A list of reals in [min, max], duplicates removed, in order. */
    public List<Double> reals(String key, double min, double max) {
        Set<Double> seen = new TreeSet<>();
        List<Double> out = new ArrayList<>();
        for (String s : PluginSpec.splitList(values.get(key))) {
            double v = Params.parseReal(s);
            if (Double.isNaN(v) || v < min || v > max) {
                throw new SpecException("grid key '" + key + "' has '" + s + "'; expected numbers in ["
                        + Params.format(min) + ", " + Params.format(max) + "]");
            }
            if (seen.add(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The grid as a file text, for {@code --dry-run} and for records of what ran. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s = %s%n", k, v)));
        return sb.toString();
    }
}
