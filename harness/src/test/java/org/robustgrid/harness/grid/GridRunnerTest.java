package org.robustgrid.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.data.DataSplit;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.fixtures.TestPlugins;

class GridRunnerTest {

    static final PluginRegistry REGISTRY = PluginRegistry.of(TestPlugins.all());
    static final DataSplit DATA = new DataSplit(TestPlugins.bands(512, 4, 12, 1), TestPlugins.bands(128, 4, 12, 2));

    static GridSpec tiny(Map<String, String> more) {
        GridSpec g = GridSpec.defaults().with(Map.of(
                "dataset", "synthetic(channels=1,size=12,classes=4)", "model", "small-cnn(width=4)", "train-attacks", "fgsm(eps=0.05)",
                "eval-attacks", "fgsm(eps=0),fgsm(eps=0.5)", "epochs", "2", "batch", "32", "lr", "0.05",
                "eval-limit", "64", "crop-padding", "1"));
        return g.with(more);
    }

    static GridRunner.Summary run(GridSpec spec, Path out) {
        StringWriter err = new StringWriter();
        return new GridRunner(DATA, Device.cpu(), out, new PrintWriter(err)).run(GridPlan.of(spec, REGISTRY));
    }

    @Test
    void progressLinesShowSpecsAsWritten(@TempDir Path out) {
        StringWriter err = new StringWriter();
        new GridRunner(DATA, Device.cpu(), out, new PrintWriter(err)).run(GridPlan.of(tiny(Map.of("eval-attacks", "fgsm(eps=8/255)")), REGISTRY));
        assertTrue(err.toString().contains("fgsm(eps=8/255) robust accuracy "), err.toString());
        assertFalse(err.toString().contains("0.0313"), "no decimal where the user wrote a fraction: " + err);
    }

    @Test
    void trainsEvaluatesAndWritesOneRowPerModelAndAttack(@TempDir Path out) {
        GridRunner.Summary s = run(tiny(Map.of()), out);
        assertEquals(1, s.trained());
        assertEquals(2, s.evaluated());
        List<ResultRow> rows = ResultsStore.read(out.resolve(GridRunner.RESULTS));
        assertEquals(2, rows.size());
        ResultRow zero = rows.get(0);
        assertEquals("fgsm(eps=0)", zero.get(Column.ATTACK));
        assertTrue(zero.number(Column.NATURAL_ACC) > 0.9, "learnable bands: " + zero);
        // eps = 0 changes no image, so robust accuracy equals accuracy on the same clean images
        assertEquals(zero.number(Column.EVAL_NATURAL_ACC), zero.number(Column.ROBUST_ACC), 1e-9);
        ResultRow attacked = rows.get(1);
        assertTrue(attacked.number(Column.ROBUST_ACC) <= attacked.number(Column.EVAL_NATURAL_ACC));
        assertTrue(attacked.number(Column.SUCCESS_RATE) > 0, attacked.toString());
        assertTrue(attacked.number(Column.MEDIAN_LINF) <= 0.5 + 1e-6, attacked.toString());
        assertEquals("ok", attacked.get(Column.STATUS));
        // what made the row: the engine's two thread pools and the harness's build
        assertTrue(attacked.provenance().intraOpThreads() >= 1 && attacked.provenance().interOpThreads() >= 1, attacked.toString());
        assertEquals(org.robustgrid.harness.Version.build(), attacked.get(Column.HARNESS_BUILD));
        assertTrue(!attacked.get(Column.HARNESS_BUILD).isEmpty());
        assertEquals(Long.toString(s.trainSteps()), attacked.get(Column.TRAIN_STEPS));
        assertTrue(Files.exists(out.resolve("checkpoints").resolve(attacked.get(Column.MODEL_KEY) + ".params")));
        // the robust count follows AutoAttack: an image counts only when its clean image is right, and the interval holds the estimate
        assertTrue(attacked.measures().robustLow() <= attacked.measures().robustAcc()
                && attacked.measures().robustAcc() <= attacked.measures().robustHigh(), attacked.toString());
        assertEquals(0.5, attacked.measures().budget().orElseThrow().eps(), 1e-12);
        // the training curve: a reading every 20 steps and at the end, loss and accuracies on the clean and adversarial batch
        var log = org.robustgrid.harness.checkpoint.CheckpointStore.of(out).log(attacked.model().modelKey()).entries();
        assertEquals((s.trainSteps() + 19) / 20, log.size(), log.toString());
        assertEquals(s.trainSteps(), log.get(log.size() - 1).step());
        for (var e : log) {
            assertTrue(e.loss() > 0 && e.cleanAccuracy() >= 0 && e.cleanAccuracy() <= 1 && e.adversarialAccuracy() >= 0
                    && e.adversarialAccuracy() <= 1, e.toString());
        }
    }

    @Test
    void aCompositeAttackRecordsOneRowAndItsBreakdownAndJoinsTheWorstCase(@TempDir Path out) {
        PluginRegistry registry = PluginRegistry.of(java.util.stream.Stream.concat(TestPlugins.all().stream(),
                java.util.stream.Stream.of(new TestPlugins.Cascade())).toList());
        new GridRunner(DATA, Device.cpu(), out, new PrintWriter(new StringWriter()))
                .run(GridPlan.of(tiny(Map.of("eval-attacks", "cascade,fgsm(eps=0.5)")), registry));
        List<ResultRow> rows = ResultsStore.read(out.resolve(GridRunner.RESULTS));
        ResultRow cascade = rows.stream().filter(r -> r.attack().startsWith("cascade")).findFirst().orElseThrow();
        assertEquals("ok", cascade.get(Column.STATUS), cascade.warning());
        var store = org.robustgrid.harness.results.OutcomeStore.besides(out.resolve(GridRunner.RESULTS));
        var stages = store.readStages(cascade.evalKey()).orElseThrow();
        var outcomes = store.read(cascade.evalKey()).orElseThrow();
        assertEquals(List.of("small", "large"), stages.names());
        double[] after = stages.robustAfter(outcomes.clean());
        // the ensemble's robust accuracy is the robust accuracy after the last stage
        assertEquals(cascade.measures().robustAcc(), after[1], 1e-9);
        assertTrue(after[0] >= after[1]);
        // the fixture says 0.25 s and 0.5 s per batch: summed over the eval batches
        assertTrue(stages.seconds()[0] >= 0.25 && stages.seconds()[0] % 0.25 == 0, Arrays.toString(stages.seconds()));
        assertEquals(2 * stages.seconds()[0], stages.seconds()[1], 1e-9);
        assertTrue(store.readStages(rows.stream().filter(r -> r.attack().startsWith("fgsm")).findFirst().orElseThrow().evalKey()).isEmpty());
        ResultRow worst = rows.stream().filter(r -> r.measures().kind() == org.robustgrid.harness.results.AttackKind.WORST_CASE)
                .findFirst().orElseThrow();
        assertEquals(2, org.robustgrid.harness.results.WorstCase.attacks(worst), worst.attack());
        assertTrue(worst.measures().robustAcc() <= cascade.measures().robustAcc());
    }

    @Test
    void evalLimitsGiveACostlyAttackFewerImagesAndTheShardHashOnlyChangesWithThem(@TempDir Path out) {
        PluginRegistry registry = PluginRegistry.of(java.util.stream.Stream.concat(TestPlugins.all().stream(),
                java.util.stream.Stream.of(new TestPlugins.Cascade())).toList());
        GridSpec spec = tiny(Map.of("eval-attacks", "fgsm(eps=0.5),cascade(eps=0.5)", "eval-limit", "0", "eval-limits", "cascade=32"));
        new GridRunner(DATA, Device.cpu(), out, new PrintWriter(new StringWriter())).run(GridPlan.of(spec, registry));
        List<ResultRow> rows = ResultsStore.read(out.resolve(GridRunner.RESULTS));
        ResultRow fgsm = rows.stream().filter(r -> r.attack().startsWith("fgsm")).findFirst().orElseThrow();
        ResultRow cascade = rows.stream().filter(r -> r.attack().startsWith("cascade")).findFirst().orElseThrow();
        assertEquals(DATA.test().size(), fgsm.measures().evalExamples(), "eval-limit 0: every test image");
        assertEquals(32, cascade.measures().evalExamples(), "the cascade's own limit");
        // a worst case is over the same images only: none mixes the 32-image row with the 128-image one
        assertTrue(rows.stream().noneMatch(org.robustgrid.harness.results.WorstCase::is), rows.toString());
        GridPlan without = GridPlan.of(tiny(Map.of()), REGISTRY);
        GridPlan with = GridPlan.of(tiny(Map.of("eval-limits", "fgsm=10")), REGISTRY);
        assertEquals(64, without.evalLimit(without.evalAttacks().get(0)));
        assertEquals(10, with.evalLimit(with.evalAttacks().get(0)));
        var shard = new org.robustgrid.harness.shard.Shard(1, 1);
        assertFalse(org.robustgrid.harness.shard.ShardManifest.of(without, shard).grid()
                .equals(org.robustgrid.harness.shard.ShardManifest.of(with, shard).grid()));
    }

    @Test
    void evalSeedsKeepAnAttackToTheModelsOfSomeSeeds(@TempDir Path out) {
        PluginRegistry registry = PluginRegistry.of(java.util.stream.Stream.concat(TestPlugins.all().stream(),
                java.util.stream.Stream.of(new TestPlugins.Cascade())).toList());
        GridSpec spec = tiny(Map.of("eval-attacks", "fgsm(eps=0.5),cascade(eps=0.5)", "seeds", "0,1", "eval-seeds", "cascade=1"));
        GridPlan plan = GridPlan.of(spec, registry);
        assertEquals(3, plan.evaluations());
        assertEquals(3, org.robustgrid.harness.shard.ShardManifest.of(plan, new org.robustgrid.harness.shard.Shard(1, 1)).evaluations());
        GridRunner.Summary s = new GridRunner(DATA, Device.cpu(), out, new PrintWriter(new StringWriter())).run(plan);
        assertEquals(3, s.evaluated());
        List<ResultRow> rows = ResultsStore.read(out.resolve(GridRunner.RESULTS)).stream()
                .filter(r -> !org.robustgrid.harness.results.WorstCase.is(r)).toList();
        assertEquals(3, rows.size(), rows.toString());
        List<ResultRow> cascade = rows.stream().filter(r -> r.attack().startsWith("cascade")).toList();
        assertEquals(1, cascade.size());
        assertEquals(1, cascade.get(0).model().seed());
        // a rerun has nothing left to do: the attack is not owed for seed 0
        assertEquals(0, new GridRunner(DATA, Device.cpu(), out, new PrintWriter(new StringWriter())).run(plan).evaluated());
        for (String bad : List.of("cascade=2", "cascade=x", "cascade", "pgd=0")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.robustgrid.harness.spi.SpecException.class,
                    () -> GridPlan.of(spec.with(Map.of("eval-seeds", bad)), registry), bad);
            assertTrue(e.getMessage().contains("eval-seeds") && e.getMessage().contains("seeds (0, 1)"), e.getMessage());
        }
    }

    @Test
    void evalSchedulesAndSeedsTogetherKeepAnAttackToTheirCommonModels() {
        PluginRegistry registry = PluginRegistry.of(java.util.stream.Stream.concat(TestPlugins.all().stream(),
                java.util.stream.Stream.of(new TestPlugins.Cascade())).toList());
        GridSpec spec = tiny(Map.of("eval-attacks", "fgsm(eps=0.5),cascade(eps=0.5)", "seeds", "0,1", "lr-schedules", "fixed,cosine",
                "eval-seeds", "cascade=0", "eval-schedules", "cascade=cosine"));
        GridPlan plan = GridPlan.of(spec, registry);
        assertEquals(4, plan.cells().size());
        assertEquals(5, plan.evaluations(), "fgsm on four models, the cascade on seed 0's cosine model");
        for (Cell c : plan.cells()) {
            boolean cascade = plan.evalAttacks(c).stream().anyMatch(a -> a.info().id().equals("cascade"));
            assertEquals(c.seed() == 0 && c.recipe().schedule().id().equals("cosine"), cascade, c.label());
        }
        GridPlan bothSchedules = GridPlan.of(spec.with(Map.of("eval-schedules", "cascade=fixed|cosine")), registry);
        assertEquals(6, bothSchedules.evaluations());
        for (String bad : List.of("cascade=step", "cascade=", "fgsm=cosine|x")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.robustgrid.harness.spi.SpecException.class,
                    () -> GridPlan.of(spec.with(Map.of("eval-schedules", bad)), registry), bad);
            assertTrue(e.getMessage().contains("eval-schedules") && e.getMessage().contains("lr-schedules (fixed, cosine)"), e.getMessage());
        }
    }

    @Test
    void badEvalLimitsAreOneLineNamingWhatIsAccepted() {
        for (String bad : List.of("cw=1000", "fgsm", "fgsm=-1", "fgsm=x", "fgsm=1,fgsm=2", " ")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.robustgrid.harness.spi.SpecException.class,
                    () -> GridPlan.of(tiny(Map.of("eval-limits", bad)), REGISTRY), bad);
            assertTrue(e.getMessage().contains("eval-limits") && !e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(org.robustgrid.harness.spi.SpecException.class,
                () -> GridPlan.of(tiny(Map.of("eval-limits", "cw=1000")), REGISTRY)).getMessage().contains("(fgsm)"));
    }

    @Test
    void rerunSkipsWhatIsDoneAndANewAttackTrainsNothing(@TempDir Path out) {
        run(tiny(Map.of()), out);
        GridRunner.Summary again = run(tiny(Map.of()), out);
        assertEquals(new GridRunner.Summary(0, 0, 0, 2, 0), again);
        GridRunner.Summary more = run(tiny(Map.of("eval-attacks", "fgsm(eps=0),fgsm(eps=0.5),fgsm(eps=0.2)")), out);
        assertEquals(0, more.trainSteps());
        assertEquals(1, more.evaluated());
        assertEquals(3, ResultsStore.read(out.resolve(GridRunner.RESULTS)).size());
    }

    @Test
    void aDamagedCheckpointIsTrainedAgainAndTheRunSaysSoInOneLine(@TempDir Path out) throws Exception {
        run(tiny(Map.of()), out);
        ResultRow before = ResultsStore.read(out.resolve(GridRunner.RESULTS)).get(0);
        Path weights = out.resolve("checkpoints").resolve(before.model().modelKey() + ".params");
        byte[] b = Files.readAllBytes(weights);
        b[b.length - 3] ^= 0x10; // a byte of the last weight: the file still parses
        Files.write(weights, b);
        StringWriter err = new StringWriter();
        GridRunner.Summary s = new GridRunner(DATA, Device.cpu(), out, new PrintWriter(err))
                .run(GridPlan.of(tiny(Map.of("eval-attacks", "fgsm(eps=0),fgsm(eps=0.5),fgsm(eps=0.2)")), REGISTRY));
        assertEquals(1, s.trained());
        List<String> said = err.toString().lines().filter(l -> l.contains("is damaged")).toList();
        assertEquals(1, said.size(), err.toString());
        assertTrue(said.get(0).endsWith("moved to " + weights.getFileName() + ".corrupt; training the model again"), said.get(0));
        assertTrue(Files.exists(weights.resolveSibling(weights.getFileName() + ".corrupt")));
        ResultRow after = ResultsStore.read(out.resolve(GridRunner.RESULTS)).get(2);
        assertEquals(before.get(Column.NATURAL_ACC), after.get(Column.NATURAL_ACC), "retrained with the same seed: the same model");
    }

    /** A file stream that fails with the disk-full error at its {@code failAt}-th write, after writing half of it. */
    static final class FullDisk extends java.io.FilterOutputStream {
        private int writes;
        private final int failAt;

        FullDisk(java.io.OutputStream out, int failAt) {
            super(out);
            this.failAt = failAt;
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            if (++writes == failAt) {
                out.write(b, off, len / 2);
                out.flush();
                throw new java.nio.file.FileSystemException(null, null, "No space left on device");
            }
            out.write(b, off, len);
        }
    }

    @Test
    void aFullDiskEndsTheRunNamingTheFileKeepsEveryRowAndTheRerunResumes(@TempDir Path out, @TempDir Path whole) throws Exception {
        Path results = out.resolve(GridRunner.RESULTS);
        GridPlan plan = GridPlan.of(tiny(Map.of()), REGISTRY);
        // writes: the header, the first row, then the second row fails half-way
        try (ResultsStore store = ResultsStore.open(results, o -> new FullDisk(o, 3))) {
            org.robustgrid.harness.files.WriteFailure e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.robustgrid.harness.files.WriteFailure.class,
                    () -> new GridRunner(DATA, Device.cpu(), out, new PrintWriter(new StringWriter())).run(plan, store));
            assertEquals("cannot write " + results + ": No space left on device", e.getMessage());
        }
        assertEquals(1, ResultsStore.read(results).size(), "the row before the full disk is kept");
        GridRunner.Summary rerun = run(tiny(Map.of()), out);
        assertEquals(new GridRunner.Summary(0, 0, 1, 1, 0), rerun);
        run(tiny(Map.of()), whole);
        assertEquals(KillResumeTest.comparable(whole.resolve(GridRunner.RESULTS)), KillResumeTest.comparable(results));
    }

    @Test
    void sameSeedGivesTheSameNumbers(@TempDir Path a, @TempDir Path b) {
        run(tiny(Map.of()), a);
        run(tiny(Map.of()), b);
        List<ResultRow> ra = ResultsStore.read(a.resolve(GridRunner.RESULTS));
        List<ResultRow> rb = ResultsStore.read(b.resolve(GridRunner.RESULTS));
        for (int i = 0; i < ra.size(); i++) {
            for (Column c : List.of(Column.NATURAL_ACC, Column.ROBUST_ACC, Column.MEDIAN_L2, Column.MODEL_KEY)) {
                assertEquals(ra.get(i).get(c), rb.get(i).get(c), c.header());
            }
        }
    }

    @Test
    void divergingTrainingIsRecordedAndTheGridGoesOn(@TempDir Path out) {
        // log(x) is NaN for every negative input: the first loss read is NaN and that model stops
        PluginRegistry registry = PluginRegistry.of(java.util.stream.Stream.concat(TestPlugins.all().stream(),
                java.util.stream.Stream.of(new TestPlugins.LogActivation())).toList());
        GridSpec spec = tiny(Map.of("activations", "log,relu"));
        GridRunner.Summary s = new GridRunner(DATA, Device.cpu(), out, new PrintWriter(new StringWriter()))
                .run(GridPlan.of(spec, registry));
        List<ResultRow> rows = ResultsStore.read(out.resolve(GridRunner.RESULTS));
        assertEquals(4, rows.size());
        assertEquals(new GridRunner.Summary(1, s.trainSteps(), 2, 0, 2), s);
        for (ResultRow r : rows) {
            if (r.get(Column.ACTIVATION).equals("log")) {
                assertEquals("failed", r.get(Column.STATUS));
                assertTrue(r.get(Column.WARNING).startsWith("loss became NaN"), r.get(Column.WARNING));
            } else {
                assertEquals("ok", r.get(Column.STATUS), r.toString());
            }
        }
        // the failed model is recorded as done: a rerun neither retrains nor rewrites it
        assertEquals(new GridRunner.Summary(0, 0, 0, 4, 0), new GridRunner(DATA, Device.cpu(), out,
                new PrintWriter(new StringWriter())).run(GridPlan.of(spec, registry)));
    }

    @Test
    void federatedCellsTrainEveryRound(@TempDir Path out) {
        GridRunner.Summary s = run(tiny(Map.of("strategies", "fedavg", "partitioners", "iid", "clients", "4", "rounds", "2",
                "epochs", "1")), out);
        // 4 clients of 128 images, batch 32, 2 rounds: 4 x 4 x 2 steps
        assertEquals(32, s.trainSteps());
        List<ResultRow> rows = ResultsStore.read(out.resolve(GridRunner.RESULTS));
        assertEquals("4", rows.get(0).get(Column.CLIENTS));
        assertTrue(rows.get(0).number(Column.NATURAL_ACC) > 0.5, rows.get(0).toString());
    }
}
