package org.robustgrid.harness.shard;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.grid.GridSpec;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.fixtures.TestPlugins;

/** Plans of small grids and results files written by hand, without training anything. */
final class ShardFixtures {

    static final PluginRegistry REGISTRY = PluginRegistry.of(TestPlugins.all());

    private ShardFixtures() {}

    /** Six models (three schedules, two seeds) by two eval attacks, plus {@code more}. */
    static GridPlan plan(Map<String, String> more) {
        GridSpec g = GridSpec.defaults().with(Map.of("dataset", "synthetic(channels=1,size=12,classes=4)", "model", "small-cnn(width=4)",
                "train-attacks", "fgsm(eps=0.05)", "eval-attacks", "fgsm(eps=0),fgsm(eps=0.5)", "lr-schedules", "fixed,cosine,step",
                "seeds", "0,1", "epochs", "1"));
        return GridPlan.of(g.with(more), REGISTRY);
    }

    /** Writes one row per key into {@code dir/results.csv}, with the given status. */
    static void rows(Path dir, List<String> evalKeys, String status) {
        try (ResultsStore f = ResultsStore.open(dir.resolve("results.csv"))) {
            for (String k : evalKeys) {
                Map<Column, String> v = new EnumMap<>(Column.class);
                v.put(Column.EVAL_KEY, k);
                v.put(Column.MODEL_KEY, k);
                v.put(Column.ATTACK, "fgsm");
                v.put(Column.STATUS, status);
                f.append(ResultRow.of(v));
            }
        }
    }
}
