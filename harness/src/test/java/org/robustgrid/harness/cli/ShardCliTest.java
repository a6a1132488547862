package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.shard.ShardManifest;

/** {@code run --shard} writes a manifest that {@code merge} checks: the commands end to end on a tiny grid. */
class ShardCliTest {

    private static Path grid(Path tmp, String epochs) throws Exception {
        Path g = tmp.resolve("tiny-" + epochs + ".grid");
        Files.writeString(g, """
                dataset = synthetic(channels=1,size=12,classes=4,train=128,test=32)
                model = small-cnn(width=4)
                train-attacks = none
                eval-attacks = fgsm(eps=0),fgsm(eps=0.1)
                lr-schedules = fixed,cosine
                batch = 32
                epochs = %s
                """.formatted(epochs));
        return g;
    }

    @Test
    void autoOutsideAJobArrayIsOneLineAndExitTwo() {
        assumeTrue(System.getenv("SLURM_ARRAY_TASK_ID") == null, "running inside a Slurm array");
        CliTest.Result r = CliTest.run("run", "--dry-run", "--train-attacks", "fgsm", "--eval-attacks", "fgsm", "--shard", "auto");
        CliTest.assertOneLine(r);
        assertTrue(r.err().contains("--shard auto needs a Slurm job array"), r.err());
    }

    @Test
    void shardsRunMergeAndAreCheckedAgainstTheirManifests(@TempDir Path tmp) throws Exception {
        String g = grid(tmp, "1").toString();
        Path a = tmp.resolve("shard-1");
        Path b = tmp.resolve("shard-2");
        assertEquals(0, CliTest.run("run", g, "--shard", "1/2", "--out", a.toString()).code());
        assertEquals("1/2", ShardManifest.read(a).orElseThrow().shard().toString());

        CliTest.Result missing = CliTest.run("merge", "-o", tmp.resolve("m.csv").toString(), a.toString());
        CliTest.assertOneLine(missing);
        assertTrue(missing.out().contains("shard 2/2: missing"), missing.out());
        assertTrue(missing.err().contains("rerun array tasks 2"), missing.err());
        assertFalse(Files.exists(tmp.resolve("m.csv")), "nothing merged");

        CliTest.Result otherShard = CliTest.run("run", g, "--shard", "2/2", "--out", a.toString());
        CliTest.assertOneLine(otherShard);
        assertTrue(otherShard.err().contains("holds shard 1/2"), otherShard.err());

        assertEquals(0, CliTest.run("run", g, "--shard", "2/2", "--out", b.toString()).code());
        CliTest.Result merged = CliTest.run("merge", "-o", tmp.resolve("m.csv").toString(), b.toString(), a.resolve("results.csv").toString());
        assertEquals(0, merged.code(), merged.err());
        assertTrue(merged.out().contains("2 of 2 shards complete, 4 of 4 evaluations"), merged.out());
        assertEquals(4, ResultsStore.read(tmp.resolve("m.csv")).size());

        Path other = tmp.resolve("other");
        assertEquals(0, CliTest.run("run", grid(tmp, "2").toString(), "--shard", "2/2", "--out", other.toString(), "--dry-run").code());
        assertEquals(0, CliTest.run("run", grid(tmp, "2").toString(), "--shard", "2/2", "--out", other.toString(),
                "--eval-attacks", "fgsm(eps=0)").code());
        CliTest.Result mixed = CliTest.run("merge", "-o", tmp.resolve("x.csv").toString(), a.toString(), other.toString());
        CliTest.assertOneLine(mixed);
        assertTrue(mixed.err().contains("shards of different grids"), mixed.err());

        CliTest.Result partial = CliTest.run("merge", "--partial", "-o", tmp.resolve("p.csv").toString(), a.toString());
        assertEquals(0, partial.code(), partial.err());
        assertEquals(2, ResultsStore.read(tmp.resolve("p.csv")).size());

        // several grids joined: each checked on its own; an incomplete one is refused, complete ones are joined
        CliTest.Result incomplete = CliTest.run("merge", "--grids", "-o", tmp.resolve("g.csv").toString(), a.toString(), b.toString(),
                other.toString());
        CliTest.assertOneLine(incomplete);
        assertTrue(incomplete.err().contains("rerun array tasks 1"), incomplete.err());
        Path whole = tmp.resolve("whole");
        assertEquals(0, CliTest.run("run", grid(tmp, "2").toString(), "--out", whole.toString(), "--eval-attacks", "fgsm(eps=0)").code());
        CliTest.Result joined = CliTest.run("merge", "--grids", "-o", tmp.resolve("g.csv").toString(), a.toString(), b.toString(),
                whole.toString());
        assertEquals(0, joined.code(), joined.err());
        assertTrue(joined.out().contains("2 of 2 shards complete, 4 of 4 evaluations")
                && joined.out().contains("1 of 1 shards complete, 2 of 2 evaluations"), joined.out());
        assertEquals(4 + 2, ResultsStore.read(tmp.resolve("g.csv")).size());
    }
}
