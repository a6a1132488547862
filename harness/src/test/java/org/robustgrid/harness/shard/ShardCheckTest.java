package org.robustgrid.harness.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.spi.SpecException;

class ShardCheckTest {

    private static final GridPlan PLAN = ShardFixtures.plan(Map.of());

    private static Path shard(Path root, int i, int n, int rowsWritten) {
        Path dir = root.resolve("shard-" + i);
        ShardManifest m = ShardManifest.of(PLAN, new Shard(i, n));
        m.record(dir);
        if (rowsWritten > 0) {
            ShardFixtures.rows(dir, m.evalKeys().subList(0, rowsWritten), ResultRow.OK);
        }
        return dir;
    }

    @Test
    void completeShardsPassAndListTheirFiles(@TempDir Path root) {
        List<Path> dirs = List.of(shard(root, 1, 3, 4), shard(root, 2, 3, 4), shard(root, 3, 3, 4));
        ShardCheck c = ShardCheck.of(List.of(dirs.get(2), dirs.get(0).resolve("results.csv"), dirs.get(1)));
        assertTrue(c.complete(), c.report().toString());
        assertEquals(3, c.resultsFiles().size());
        assertTrue(c.report().get(3).endsWith("3 of 3 shards complete, 12 of 12 evaluations"), c.report().toString());
    }

    @Test
    void missingAndIncompleteShardsAreNamedWithTheTasksToRerun(@TempDir Path root) {
        Path one = shard(root, 1, 3, 4);
        Path three = shard(root, 3, 3, 1);
        ShardCheck c = ShardCheck.of(List.of(one, three));
        assertFalse(c.complete());
        assertEquals(List.of(2, 3), c.rerun());
        assertEquals("shard 2/3: missing", c.report().get(1));
        assertTrue(c.report().get(2).contains("1 of 4 evaluations, incomplete"), c.report().toString());
        assertTrue(c.problem().contains("rerun array tasks 2,3") && c.problem().contains("5 of 12 evaluations"), c.problem());
        assertEquals(1, c.problem().lines().count());
    }

    @Test
    void aTaskKilledBeforeItsFirstRowIsIncompleteNotAnError(@TempDir Path root) {
        ShardCheck c = ShardCheck.of(List.of(shard(root, 1, 2, 6), shard(root, 2, 2, 0)));
        assertEquals(List.of(2), c.rerun());
        assertEquals(1, c.resultsFiles().size());
    }

    @Test
    void failedRowsCountAsWrittenButAreReported(@TempDir Path root) {
        Path one = shard(root, 1, 1, 0);
        ShardManifest m = ShardManifest.read(one).orElseThrow();
        ShardFixtures.rows(one, m.evalKeys().subList(0, 10), ResultRow.OK);
        ShardFixtures.rows(one, m.evalKeys().subList(10, 12), ResultRow.FAILED);
        ShardCheck c = ShardCheck.of(List.of(one));
        assertTrue(c.complete());
        assertTrue(c.report().get(0).contains("12 of 12 evaluations (2 failed)"), c.report().toString());
    }

    @Test
    void rowsOfOtherGridsInAFolderDoNotCount(@TempDir Path root) {
        Path one = shard(root, 1, 1, 11);
        ShardFixtures.rows(one, List.of("feedfacefeedface"), ResultRow.OK);
        assertEquals(List.of(1), ShardCheck.of(List.of(one)).rerun());
    }

    @Test
    void shardsOfDifferentGridsAreRefusedInOneLine(@TempDir Path root) {
        Path one = shard(root, 1, 2, 4);
        Path other = root.resolve("other");
        ShardManifest.of(ShardFixtures.plan(Map.of("epochs", "2")), new Shard(2, 2)).record(other);
        SpecException e = assertThrows(SpecException.class, () -> ShardCheck.of(List.of(one, other)));
        assertTrue(e.getMessage().startsWith("shards of different grids: "), e.getMessage());
        assertTrue(e.getMessage().contains(one.toString()) && e.getMessage().contains(other.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void shardsOfDifferentSplitsAreRefused(@TempDir Path root) {
        Path a = shard(root, 1, 2, 0);
        Path b = root.resolve("b");
        ShardManifest.of(PLAN, new Shard(2, 3)).record(b);
        SpecException e = assertThrows(SpecException.class, () -> ShardCheck.of(List.of(a, b)));
        assertTrue(e.getMessage().contains("is shard 1/2") && e.getMessage().contains("is shard 2/3"), e.getMessage());
    }

    @Test
    void aFolderWithoutManifestBesideOnesWithIsRefused(@TempDir Path root) {
        Path a = shard(root, 1, 2, 4);
        Path old = root.resolve("old");
        ShardFixtures.rows(old, List.of("0123456789abcdef"), ResultRow.OK);
        SpecException e = assertThrows(SpecException.class, () -> ShardCheck.of(List.of(a, old)));
        assertTrue(e.getMessage().contains(old + " has no grid.properties"), e.getMessage());
        ShardCheck legacy = ShardCheck.of(List.of(old.resolve("results.csv")));
        assertTrue(legacy.complete(), "files older than manifests merge unchecked, as before");
        assertThrows(SpecException.class, () -> ShardCheck.of(List.of(root.resolve("nowhere"))));
    }
}
