package org.robustgrid.harness.grid;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.data.DataSplit;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.results.Keys;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.spi.Attack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a grid plan into {@code out/results.csv}, cell by cell, each through four stages: plan (which of
 * its evaluations are not yet recorded), model (train, or restore from its checkpoint), evaluate
 * (natural accuracy, then each eval attack), record (one row per evaluation, written as it is known).
 * A cell whose training fails, or an attack that fails, is recorded with its reason and the grid goes on.
 */
public final class GridRunner {

    static final Logger LOG = LoggerFactory.getLogger(GridRunner.class);

    /** File name of the results inside the output folder. */
    public static final String RESULTS = ResultsStore.FILE;

    /**
     * What a run did.
     *
     * @param trained models trained in this run
     * @param trainSteps optimizer steps taken in this run
     * @param evaluated rows written with status ok
     * @param skipped evaluations already in the results file
     * @param failed rows written with status failed
     */
    public record Summary(int trained, long trainSteps, int evaluated, int skipped, int failed) {}

    private final DataSplit data;
    private final Device device;
    private final Path out;
    private final PrintWriter err;

    public GridRunner(DataSplit data, Device device, Path out, PrintWriter err) {
        this.data = data;
        this.device = device;
        this.out = out;
        this.err = err;
    }

    public Path resultsFile() {
        return out.resolve(RESULTS);
    }

    /** Runs the plan; the results store stays open for the caller to read the rows from (close it). */
    public Summary run(GridPlan plan, ResultsStore results) {
        PlanStage.Planned planned = PlanStage.plan(plan, results::recorded);
        Progress progress = new Progress(err, plan.cells().size());
        ModelStage models = new ModelStage(trainSet(plan), device, CheckpointStore.of(out), progress);
        EvaluateStage evaluate = evaluateStage(plan, progress);
        RecordStage record = new RecordStage(results, OutcomeStore.besides(resultsFile()), device);
        int trained = 0;
        int evaluated = 0;
        int failed = 0;
        for (CellWork work : planned.work()) {
            Cell cell = work.cell();
            progress.cell(work.index(), cell.label());
            ModelStage.Result result = models.obtain(cell);
            if (result instanceof ModelStage.Failed f) {
                LOG.warn("cell {} failed: {}", cell.modelKey(), f.reason());
                progress.line("FAILED: " + f.reason());
                record.modelFailed(cell, work.attacks(), f.reason());
                failed += work.attacks().size();
                continue;
            }
            try (TrainedModel model = ((ModelStage.Ready) result).model()) {
                trained += model.trainedNow() ? 1 : 0;
                EvaluateStage.Model evaluation = evaluate.start(cell, model);
                for (Plugin<Attack> attack : work.attacks()) {
                    EvaluateStage.Result r = evaluation.attack(attack);
                    if (r instanceof EvaluateStage.Measured m) {
                        record.measured(cell, model, evaluation.natural(), attack, m.outcome(), m.warnings());
                        evaluated++;
                    } else {
                        record.attackFailed(cell, model, evaluation.natural(), attack, ((EvaluateStage.Failed) r).reason());
                        failed++;
                    }
                }
                record.worstCases(cell);
            }
        }
        // a run killed after a cell's last attack but before its worst case left every evaluation recorded:
        // the cells with nothing left to do get theirs here (a no-op where it exists)
        java.util.Set<Cell> worked = new java.util.HashSet<>();
        planned.work().forEach(w -> worked.add(w.cell()));
        plan.cells().stream().filter(c -> !worked.contains(c)).forEach(record::worstCases);
        return new Summary(trained, progress.stepsDone(), evaluated, planned.skipped(), failed);
    }

    private Dataset trainSet(GridPlan plan) {
        return plan.cells().isEmpty() ? data.train() : Datasets.limit(data.train(), plan.cells().get(0).trainLimit());
    }

    private EvaluateStage evaluateStage(GridPlan plan, Progress progress) {
        return new EvaluateStage(data.test(), plan::evalLimit, plan.evalBatch(), progress);
    }

    /**
     * A recorded evaluation computed again.
     *
     * @param natural the natural accuracy on the whole test set
     * @param testSize the test set's size
     * @param robust the robust accuracy on the eval images
     * @param examples the eval images
     * @param failure why nothing was computed; empty when it was
     * @param note how the recomputation differed from the row's making (plugin code that changed since); empty when it did not
     */
    public record Recomputed(double natural, int testSize, double robust, int examples, String failure, String note) {
        static Recomputed failed(String why) {
            return new Recomputed(Double.NaN, 0, Double.NaN, 0, why, "");
        }
    }

    /**
     * Computes one recorded evaluation again through the stages a run uses, with the settings of the
     * plan it was recorded by (for {@code robustgrid verify}): the model restored from a copy of its
     * checkpoint, or trained again with {@code retrain}, in {@code scratch}; this runner's folder is only read.
     */
    public Recomputed recompute(GridPlan plan, ResultRow row, boolean retrain, Path scratch) {
        String modelKey = row.model().modelKey();
        String attack = row.attack();
        Optional<Cell> cell = cellOf(plan, row);
        if (cell.isEmpty()) {
            return Recomputed.failed("no model of the folder's grids has model key " + modelKey);
        }
        String note = "";
        if (!cell.get().modelKey().equals(modelKey)) {
            Map<String, String> was = recordedDigests(row);
            note = "with plugin code other than the row's: " + String.join(", ", cell.get().plugins().stream()
                    .filter(p -> !p.info().digest().equals(was.get(p.info().id())))
                    .map(p -> p.info().id() + " " + was.get(p.info().id()) + " -> " + p.info().digest()).toList());
        }
        Optional<Plugin<Attack>> a = plan.evalAttacks().stream().filter(p -> p.canonical().equals(attack)).findFirst();
        if (a.isEmpty()) {
            return Recomputed.failed("the folder's grids have no eval attack " + attack);
        }
        CheckpointStore stored = CheckpointStore.of(out);
        CheckpointStore copy = CheckpointStore.of(scratch);
        if (!retrain) {
            if (stored.finished(modelKey).isEmpty()) {
                return Recomputed.failed("no checkpoint " + stored.weights(modelKey) + " (--retrain trains the model again)");
            }
            stored.copy(modelKey, copy, cell.get().modelKey());
        }
        Progress progress = new Progress(err, 1);
        progress.cell(1, cell.get().label());
        ModelStage.Result r = new ModelStage(trainSet(plan), device, copy, progress).obtain(cell.get());
        if (r instanceof ModelStage.Failed f) {
            return Recomputed.failed(f.reason());
        }
        try (TrainedModel model = ((ModelStage.Ready) r).model()) {
            if (!retrain && model.trainedNow()) {
                return Recomputed.failed("its checkpoint is damaged (said above); nothing to evaluate but a retrained model");
            }
            EvaluateStage.Model m = evaluateStage(plan, progress).start(cell.get(), model);
            EvaluateStage.Result e = m.attack(a.get());
            if (e instanceof EvaluateStage.Measured measured) {
                return new Recomputed(m.natural().accuracy(), data.test().size(), measured.outcome().robustAccuracy(),
                        measured.outcome().examples(), "", note);
            }
            return Recomputed.failed(((EvaluateStage.Failed) e).reason());
        }
    }

    /** Whether {@code plan} made {@code row}: it has the row's eval attack and the row's model ({@link #cellOf}). */
    public static boolean made(GridPlan plan, ResultRow row) {
        return plan.evalAttacks().stream().anyMatch(p -> p.canonical().equals(row.attack())) && cellOf(plan, row).isPresent();
    }

    /**
     * The plan's cell of the row's model: the one with its model key, or, when the plugin jars found now are not
     * those that made the row, the one whose key with the code digests the row recorded is the row's.
     */
    static Optional<Cell> cellOf(GridPlan plan, ResultRow row) {
        String modelKey = row.model().modelKey();
        Optional<Cell> cell = plan.cells().stream().filter(c -> c.modelKey().equals(modelKey)).findFirst();
        if (cell.isPresent()) {
            return cell;
        }
        Map<String, String> was = recordedDigests(row);
        return plan.cells().stream()
                .filter(c -> Keys.hash(c.trainingKey(p -> was.getOrDefault(p.info().id(), p.info().digest()))).equals(modelKey)).findFirst();
    }

    /** The plugin code digests a row recorded, by plugin id (its {@code plugin_sources}: {@code id=jar#digest}). */
    private static Map<String, String> recordedDigests(ResultRow row) {
        Map<String, String> was = new HashMap<>();
        for (String source : row.provenance().pluginSources().split(" ")) {
            int eq = source.indexOf('=');
            int hash = source.lastIndexOf('#');
            if (eq > 0 && hash > eq) {
                was.put(source.substring(0, eq), source.substring(hash + 1));
            }
        }
        return was;
    }

    /** Runs the plan into the output folder's results file. */
    public Summary run(GridPlan plan) {
        try (ResultsStore results = ResultsStore.open(resultsFile())) {
            return run(plan, results);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
