package org.robustgrid.harness.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.spi.SpecException;

class ShardManifestTest {

    @Test
    void shardsOfOneGridShareItsHashAndSplitItsEvaluations() {
        GridPlan plan = ShardFixtures.plan(Map.of());
        Set<String> keys = new HashSet<>();
        int total = 0;
        for (int i = 1; i <= 4; i++) {
            ShardManifest m = ShardManifest.of(plan, new Shard(i, 4));
            assertEquals(ShardManifest.of(plan, Shard.WHOLE).grid(), m.grid());
            assertEquals(6, m.gridModels());
            assertEquals(12, m.gridEvaluations());
            keys.addAll(m.evalKeys());
            total += m.evaluations();
        }
        assertEquals(12, total, "shards owe every evaluation once");
        assertEquals(new HashSet<>(ShardManifest.of(plan, Shard.WHOLE).evalKeys()), keys);
        assertEquals(4, ShardManifest.of(plan, new Shard(1, 4)).evaluations(), "models 1 and 5 of 6, two attacks each");
    }

    @Test
    void anythingThatChangesTheRowsChangesTheHash() {
        String base = ShardManifest.of(ShardFixtures.plan(Map.of()), Shard.WHOLE).grid();
        assertEquals(base, ShardManifest.of(ShardFixtures.plan(Map.of()), Shard.WHOLE).grid(), "stable");
        for (Map<String, String> change : new Map[] {Map.of("epochs", "2"), Map.of("eval-attacks", "fgsm(eps=0)"),
                Map.of("eval-limit", "64"), Map.of("eval-batch", "32"), Map.of("seeds", "1,0")}) {
            assertNotEquals(base, ShardManifest.of(ShardFixtures.plan(change), Shard.WHOLE).grid(), change.toString());
        }
    }

    @Test
    void writesAndReadsBack(@TempDir Path out) {
        ShardManifest m = ShardManifest.of(ShardFixtures.plan(Map.of()), new Shard(2, 3));
        assertEquals(Optional.empty(), ShardManifest.read(out));
        m.record(out);
        assertEquals(Optional.of(m), ShardManifest.read(out));
        m.record(out);
        assertEquals(Optional.of(m), ShardManifest.read(out), "rerunning the same shard is fine");
    }

    @Test
    void aFolderOfAnotherShardIsRefused(@TempDir Path out) throws Exception {
        GridPlan plan = ShardFixtures.plan(Map.of());
        ShardManifest.of(plan, new Shard(2, 3)).record(out);
        String before = Files.readString(out.resolve(ShardManifest.FILE));
        SpecException e = assertThrows(SpecException.class, () -> ShardManifest.of(plan, Shard.WHOLE).record(out));
        assertTrue(e.getMessage().contains("holds shard 2/3") && e.getMessage().contains("this run is shard 1/1"), e.getMessage());
        assertEquals(before, Files.readString(out.resolve(ShardManifest.FILE)), "left as it was");
        // the same shard of a changed grid (a new eval attack) is the documented way to extend a run
        ShardManifest wider = ShardManifest.of(ShardFixtures.plan(Map.of("eval-attacks", "fgsm(eps=0),fgsm(eps=0.5),fgsm(eps=0.2)")),
                new Shard(2, 3));
        wider.record(out);
        assertEquals(Optional.of(wider), ShardManifest.read(out));
    }

    @Test
    void aCorruptManifestNamesTheFileAndTheKey(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve(ShardManifest.FILE), "grid = abc\nshard = 1/2\n");
        DataException e = assertThrows(DataException.class, () -> ShardManifest.read(out));
        assertTrue(e.getMessage().contains(ShardManifest.FILE) && e.getMessage().contains("'eval-keys'"), e.getMessage());
        Files.writeString(out.resolve(ShardManifest.FILE),
                "grid = abc\nshard = 1/2\ngrid-models = 2\ngrid-evaluations = 4\nevaluations = 3\neval-keys = a b\n");
        assertTrue(assertThrows(DataException.class, () -> ShardManifest.read(out)).getMessage().contains("corrupt"));
    }
}
