package org.robustgrid.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.results.ResultsMerge;

class ShardMergeTest {

    @Test
    void mergeOfShardsEqualsTheUnshardedRun(@TempDir Path tmp) {
        GridSpec grid = GridRunnerTest.tiny(Map.of("lr-schedules", "fixed,cosine,step", "epochs", "1"));
        GridPlan plan = GridPlan.of(grid, GridRunnerTest.REGISTRY);
        run(plan, tmp.resolve("all"));
        GridPlan first = plan.shard(1, 2);
        GridPlan second = plan.shard(2, 2);
        Set<String> keys = new HashSet<>();
        first.cells().forEach(c -> keys.add(c.modelKey()));
        second.cells().forEach(c -> assertTrue(keys.add(c.modelKey()), "shards are disjoint"));
        assertEquals(plan.cells().size(), keys.size(), "shards cover the grid");
        run(first, tmp.resolve("s1"));
        run(second, tmp.resolve("s2"));

        Path merged = tmp.resolve("merged.csv");
        assertEquals(6, ResultsMerge.merge(List.of(tmp.resolve("s2/results.csv"), tmp.resolve("s1/results.csv")), merged).rows());
        Path all = tmp.resolve("all-sorted.csv");
        ResultsMerge.merge(List.of(tmp.resolve("all/results.csv")), all);
        assertEquals(KillResumeTest.comparable(all), KillResumeTest.comparable(merged));
    }

    @Test
    void mergingAFileWithItselfDuplicatesNothing(@TempDir Path tmp) {
        GridPlan plan = GridPlan.of(GridRunnerTest.tiny(Map.of("epochs", "1")), GridRunnerTest.REGISTRY);
        run(plan, tmp.resolve("a"));
        Path f = tmp.resolve("a/results.csv");
        assertEquals(2, ResultsMerge.merge(List.of(f, f), tmp.resolve("m.csv")).rows());
    }

    private static void run(GridPlan plan, Path out) {
        new GridRunner(GridRunnerTest.DATA, Device.cpu(), out, new PrintWriter(new StringWriter())).run(plan);
    }
}
