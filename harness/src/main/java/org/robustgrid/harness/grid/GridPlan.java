package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.model.TorchScript;
import org.robustgrid.harness.model.TorchScriptProvider;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.train.LrSchedule;
import org.robustgrid.harness.train.Recipe;

/**
 * A grid expanded into cells, every spec already checked: a typo fails here, before any training.
 *
 * @param cells the distinct trained models, in run order
 * @param evalAttacks the eval attacks every model is evaluated with
 * @param evalLimit test images attacked per eval attack (0 = all)
 * @param evalLimits overrides of {@code evalLimit} by attack id (the grid key {@code eval-limits})
 * @param evalSeeds by attack id, the only seeds whose models the attack evaluates (the grid key {@code eval-seeds})
 * @param evalSchedules by attack id, the only learning-rate schedules whose models it evaluates ({@code eval-schedules})
 * @param evalBatch evaluation batch size
 */
public record GridPlan(List<Cell> cells, List<Plugin<Attack>> evalAttacks, int evalLimit, Map<String, Integer> evalLimits,
        Map<String, Set<Long>> evalSeeds, Map<String, Set<String>> evalSchedules, int evalBatch) {

    public GridPlan {
        evalLimits = Map.copyOf(evalLimits);
        evalSeeds = Map.copyOf(evalSeeds);
        evalSchedules = Map.copyOf(evalSchedules);
    }

    /** The element of the {@code train-attacks} axis that means adversarial training without an attack. */
    public static final String NO_ATTACK = "none";

    /** Expands {@code spec}: the cross product of its axes, partitioner and share collapsed for centralized strategies. */
    public static GridPlan of(GridSpec spec, PluginRegistry registry) {
        String dataset = Datasets.canonical(spec.get("dataset"));
        List<Plugin<Architecture>> models = spec.list("models").stream().distinct().map(m -> model(registry, m)).toList();
        Recipe base = Recipe.of(spec.recipeParams(), LrSchedule.FIXED);
        int clients = spec.integer("clients");
        int rounds = spec.integer("rounds");
        double clientFraction = spec.real("client-fraction");
        int trainLimit = spec.integer("train-limit");
        List<Plugin<Activation>> activations = spec.list("activations").stream().map(registry::activation).toList();
        List<LrSchedule> schedules = spec.list("lr-schedules").stream().distinct().map(LrSchedule::parse).toList();
        List<Plugin<Attack>> trainAttacks = new ArrayList<>();
        for (String s : spec.list("train-attacks")) {
            trainAttacks.add(s.equals(NO_ATTACK) ? null : registry.attack(s));
        }
        List<Plugin<Strategy>> strategies = spec.list("strategies").stream().map(registry::strategy).toList();
        // Partitioners and shares only matter to federated strategies: a centralized grid needs none installed.
        boolean anyFederated = strategies.stream().anyMatch(Cell::federated);
        List<Plugin<Partitioner>> partitioners =
                anyFederated ? spec.list("partitioners").stream().map(registry::partitioner).toList() : List.of();
        List<Double> shares = spec.reals("shares");
        double sharePool = spec.real("share-pool");
        List<Long> seeds = spec.longs("seeds");
        List<Plugin<Attack>> evalAttacks = spec.list("eval-attacks").stream().map(registry::attack).toList();

        Map<String, Cell> cells = new LinkedHashMap<>();
        for (long seed : seeds) {
            for (Plugin<Strategy> strategy : strategies) {
                boolean fed = Cell.federated(strategy);
                for (Plugin<Partitioner> partitioner : fed ? partitioners : java.util.Collections.<Plugin<Partitioner>>singletonList(null)) {
                    for (double share : fed ? shares : List.of(0.0)) {
                        for (Plugin<Attack> trainAttack : trainAttacks) {
                            for (Plugin<Architecture> model : models) {
                                for (Plugin<Activation> activation : activations) {
                                    for (LrSchedule schedule : schedules) {
                                        Cell c = new Cell(dataset, model, activation, trainAttack, partitioner, share, sharePool, strategy,
                                                fed ? clients : 1, fed ? rounds : 1, fed ? clientFraction : 1.0,
                                                base.withSchedule(schedule), trainLimit, seed);
                                        // a TorchScript model has no training settings: one cell per file, whatever the axes
                                        cells.putIfAbsent(c.modelKey(), c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new GridPlan(List.copyOf(cells.values()), evalAttacks, spec.integer("eval-limit"), evalLimits(spec, evalAttacks),
                evalSeeds(spec, evalAttacks, seeds), evalSchedules(spec, evalAttacks, schedules), spec.integer("eval-batch"));
    }

    /** The eval attacks of one model: every eval attack but those that {@code eval-seeds} or {@code eval-schedules} keep to other models. */
    public List<Plugin<Attack>> evalAttacks(Cell cell) {
        return evalAttacks.stream().filter(a -> {
            Set<Long> seeds = evalSeeds.get(a.info().id());
            Set<String> schedules = evalSchedules.get(a.info().id());
            return (seeds == null || seeds.contains(cell.seed())) && (schedules == null || schedules.contains(cell.recipe().schedule().id()));
        }).toList();
    }

    /** The evaluations the plan holds: over its models, their eval attacks. */
    public int evaluations() {
        return cells.stream().mapToInt(c -> evalAttacks(c).size()).sum();
    }

    /** Test images attacked by {@code attack}: its override in {@code eval-limits}, else {@code eval-limit} (0 = all). */
    public int evalLimit(Plugin<Attack> attack) {
        return evalLimits.getOrDefault(attack.info().id(), evalLimit);
    }

    /** The {@code eval-limits} key: {@code ID=N} pairs, each ID an eval attack's, N a count (0 = all), or {@code none}. */
    static Map<String, Integer> evalLimits(GridSpec spec, List<Plugin<Attack>> evalAttacks) {
        return perAttack(spec, GridSpec.EVAL_LIMITS, evalAttacks, "N", "N a count of test images (0: all)", value -> {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        });
    }

    /** The {@code eval-seeds} key: {@code ID=S|S|...} pairs, each ID an eval attack's, each S one of the grid's seeds, or {@code none}. */
    static Map<String, Set<Long>> evalSeeds(GridSpec spec, List<Plugin<Attack>> evalAttacks, List<Long> seeds) {
        return perAttack(spec, GridSpec.EVAL_SEEDS, evalAttacks, "S", "S one of the grid's seeds (" + joined(seeds) + "), several as S|S",
                value -> someOf(value, Long::parseLong, seeds));
    }

    /** The {@code eval-schedules} key: {@code ID=S|S} pairs, each ID an eval attack's, each S one of the grid's schedules, or {@code none}. */
    static Map<String, Set<String>> evalSchedules(GridSpec spec, List<Plugin<Attack>> evalAttacks, List<LrSchedule> schedules) {
        List<String> ids = schedules.stream().map(LrSchedule::id).toList();
        return perAttack(spec, GridSpec.EVAL_SCHEDULES, evalAttacks, "S", "S one of the grid's lr-schedules (" + joined(ids)
                + "), several as S|S", value -> someOf(value, String::strip, ids));
    }

    private static String joined(List<?> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }

    /** {@code S|S|...}, each S parsed and one of {@code allowed}; NumberFormatException otherwise. */
    private static <T> Set<T> someOf(String value, Function<String, T> parse, List<T> allowed) {
        Set<T> set = new LinkedHashSet<>();
        for (String part : value.split("\\|", -1)) {
            T v = parse.apply(part.strip());
            if (!allowed.contains(v)) {
                throw new NumberFormatException();
            }
            set.add(v);
        }
        return Set.copyOf(set);
    }

    /**
     * A per-attack key: {@code ID=VALUE} pairs, each ID an eval attack's id given once, or {@code none}; a value
     * {@code parse} refuses (NumberFormatException) is refused in one line naming {@code placeholder} and {@code accepted}.
     */
    private static <T> Map<String, T> perAttack(GridSpec spec, String key, List<Plugin<Attack>> evalAttacks, String placeholder, String accepted,
            Function<String, T> parse) {
        List<String> items = PluginSpec.splitList(spec.list(key).get(0)); // checked non-empty, then split
        if (items.equals(List.of(GridSpec.NO_EVAL_LIMITS))) {
            return Map.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        evalAttacks.forEach(a -> ids.add(a.info().id()));
        String expected = "; expected ID=" + placeholder + " with ID an eval attack's id (" + String.join(", ", ids) + ") and " + accepted
                + ", or none";
        Map<String, T> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            String id = eq < 0 ? item : item.substring(0, eq).strip();
            String where = "grid key '" + key + "' has '" + item + "'";
            if (eq < 0 || !ids.contains(id)) {
                throw new SpecException(where + expected);
            }
            T value;
            try {
                value = parse.apply(item.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new SpecException(where + expected);
            }
            if (out.put(id, value) != null) {
                throw new SpecException(where + ", but '" + id + "' is given twice; give each attack id once");
            }
        }
        return out;
    }

    /** The model of a spec; a TorchScript file's with its SHA-256 in the spec, so that keys and rows carry it. */
    static Plugin<Architecture> model(PluginRegistry registry, String text) {
        Plugin<Architecture> model = registry.model(text);
        if (!model.failed() && model.instance() instanceof TorchScript ts
                && TorchScriptProvider.FROM_FILE.equals(model.params().values().get("sha256"))) {
            return registry.model(PluginSpec.parse(text).with("sha256", ts.sha256()).text());
        }
        return model;
    }

    /** The cells of shard {@code index} of {@code count}: every count-th model, so shards are disjoint and cover the grid. */
    public GridPlan shard(int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new SpecException("bad shard " + index + "/" + count + "; expected i/n with 1 <= i <= n");
        }
        List<Cell> mine = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (i % count == index - 1) {
                mine.add(cells.get(i));
            }
        }
        return new GridPlan(mine, evalAttacks, evalLimit, evalLimits, evalSeeds, evalSchedules, evalBatch);
    }
}
