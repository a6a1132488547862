package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.model.Models;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.Activation;
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
 * @param evalBatch evaluation batch size
 */
public record GridPlan(List<Cell> cells, List<Plugin<Attack>> evalAttacks, int evalLimit, int evalBatch) {

    /** Expands {@code spec}: the cross product of its axes, partitioner and share collapsed for centralized strategies. */
    public static GridPlan of(GridSpec spec, PluginRegistry registry) {
        String dataset = Datasets.canonical(spec.get("dataset"));
        String model = Models.canonical(spec.get("model"));
        int epochs = spec.integer("epochs", 1, 10_000);
        Recipe base = new Recipe(spec.real("noise", 0, 1), spec.real("label-smoothing", 0, 0.999), spec.bool("flip"),
                spec.integer("crop-padding", 0, 16), spec.real("lr", 1e-9, 10), LrSchedule.FIXED, spec.real("momentum", 0, 0.999),
                spec.real("weight-decay", 0, 0.999), spec.integer("batch", 1, 65_536), epochs);
        int clients = spec.integer("clients", 1, 100_000);
        int rounds = spec.integer("rounds", 1, 100_000);
        double clientFraction = spec.real("client-fraction", 1e-9, 1);
        int trainLimit = spec.integer("train-limit", 0, Integer.MAX_VALUE);
        List<Plugin<Activation>> activations = spec.specs("activations").stream().map(registry::activation).toList();
        List<LrSchedule> schedules = spec.specs("lr-schedules").stream().map(LrSchedule::parse).toList();
        List<Plugin<Attack>> trainAttacks = new ArrayList<>();
        for (String s : spec.specs("train-attacks")) {
            trainAttacks.add(s.equals("none") ? null : registry.attack(s));
        }
        List<Plugin<Strategy>> strategies = spec.specs("strategies").stream().map(registry::strategy).toList();
        // Partitioners and shares only matter to federated strategies: a centralized grid needs none installed.
        boolean anyFederated = strategies.stream().anyMatch(s -> s.instance().federated());
        List<Plugin<Partitioner>> partitioners =
                anyFederated ? spec.specs("partitioners").stream().map(registry::partitioner).toList() : List.of();
        List<Double> shares = spec.reals("shares", 0, 1);
        List<Long> seeds = new ArrayList<>();
        for (String s : spec.specs("seeds")) {
            try {
                seeds.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new SpecException("grid key 'seeds' has '" + s + "'; expected integers");
            }
        }
        List<Plugin<Attack>> evalAttacks = spec.specs("eval-attacks").stream().map(registry::attack).toList();

        Map<String, Cell> cells = new LinkedHashMap<>();
        for (long seed : seeds) {
            for (Plugin<Strategy> strategy : strategies) {
                boolean fed = strategy.instance().federated();
                for (Plugin<Partitioner> partitioner : fed ? partitioners : java.util.Collections.<Plugin<Partitioner>>singletonList(null)) {
                    for (double share : fed ? shares : List.of(0.0)) {
                        for (Plugin<Attack> trainAttack : trainAttacks) {
                            for (Plugin<Activation> activation : activations) {
                                for (LrSchedule schedule : schedules) {
                                    Cell c = new Cell(dataset, model, activation, trainAttack, partitioner, share, strategy,
                                            fed ? clients : 1, fed ? rounds : 1, fed ? clientFraction : 1.0,
                                            base.withSchedule(schedule), trainLimit, seed);
                                    cells.putIfAbsent(c.modelKey(), c);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new GridPlan(List.copyOf(cells.values()), evalAttacks, spec.integer("eval-limit", 0, Integer.MAX_VALUE),
                spec.integer("eval-batch", 1, 65_536));
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
        return new GridPlan(mine, evalAttacks, evalLimit, evalBatch);
    }
}
