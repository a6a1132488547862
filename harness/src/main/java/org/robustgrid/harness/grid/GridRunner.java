package org.robustgrid.harness.grid;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.robustgrid.harness.Version;
import org.robustgrid.harness.data.DataSplit;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.engine.Devices;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.evaluate.AttackOutcome;
import org.robustgrid.harness.evaluate.Evaluator;
import org.robustgrid.harness.evaluate.Warnings;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsFile;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.train.CellTrainer;
import org.robustgrid.harness.train.DivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a grid plan cell by cell into {@code out/results.csv}, resumably: evaluations already in the
 * file are skipped, a model whose checkpoint exists is loaded instead of trained, and a cell that
 * fails (a NaN loss, an exception in a plugin) is recorded with its reason while the grid goes on.
 */
public final class GridRunner {

    private static final Logger LOG = LoggerFactory.getLogger(GridRunner.class);

    /** File name of the results inside the output folder. */
    public static final String RESULTS = "results.csv";
    /** Folder of checkpoints inside the output folder. */
    public static final String CHECKPOINTS = "checkpoints";

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

    public Summary run(GridPlan plan) {
        Path results = resultsFile();
        Set<String> done = new HashSet<>();
        Map<String, List<Warnings.Measured>> measured = new java.util.HashMap<>();
        for (ResultRow r : ResultsFile.read(results)) {
            done.add(r.get(Column.EVAL_KEY));
        }
        Dataset evalSet = Datasets.limit(data.test(), plan.evalLimit());
        Dataset train = plan.cells().isEmpty() ? data.train() : Datasets.limit(data.train(), plan.cells().get(0).trainLimit());
        Progress progress = new Progress(err, plan.cells().size());
        int trained = 0;
        long steps = 0;
        int evaluated = 0;
        int skipped = 0;
        int failed = 0;
        try (ResultsFile file = ResultsFile.append(results)) {
            for (int i = 0; i < plan.cells().size(); i++) {
                Cell cell = plan.cells().get(i);
                List<Plugin<Attack>> todo = new ArrayList<>();
                for (Plugin<Attack> a : plan.evalAttacks()) {
                    if (done.contains(cell.evalKey(a))) {
                        skipped++;
                    } else {
                        todo.add(a);
                    }
                }
                if (todo.isEmpty()) {
                    continue;
                }
                Path checkpoint = out.resolve(CHECKPOINTS).resolve(cell.modelKey() + ".params");
                Engines.seed(cell.seed());
                double trainSeconds = 0;
                long cellSteps = 0;
                try (Network net = Network.create(cell.model(), cell.activation().instance(), train, device)) {
                    Map<Column, String> base = provenance(cell, net);
                    try {
                        long t0 = System.nanoTime();
                        if (Files.exists(checkpoint)) {
                            net.restore(checkpoint);
                            CheckpointMeta meta = CheckpointMeta.read(checkpoint);
                            cellSteps = meta.steps();
                            trainSeconds = meta.seconds();
                            progress.startCell(i + 1, cell.label(), 0);
                            progress.line("checkpoint " + checkpoint.getFileName() + " reused, nothing trained");
                        } else {
                            CellTrainer trainer = new CellTrainer(cell, net, train, out.resolve(CHECKPOINTS), progress, i + 1);
                            long before = progress.stepsDone();
                            cellSteps = trainer.train();
                            trainSeconds = (System.nanoTime() - t0) / 1e9;
                            CheckpointMeta.write(checkpoint, new CheckpointMeta(cellSteps, trainSeconds));
                            net.save(checkpoint);
                            trained++;
                            steps += progress.stepsDone() - before;
                        }
                    } catch (DivergedException | SpecException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw new CellFailure("training failed: " + e, e);
                    }
                    Evaluator evaluator = new Evaluator(net, plan.evalBatch());
                    double natural = evaluator.naturalAccuracy(data.test());
                    progress.line(String.format(java.util.Locale.ROOT, "natural accuracy %.4f", natural));
                    List<Warnings.Measured> earlier = measured.computeIfAbsent(cell.modelKey(), k -> new ArrayList<>());
                    for (Plugin<Attack> attack : todo) {
                        Map<Column, String> row = new EnumMap<>(base);
                        row.put(Column.ATTACK, attack.canonical());
                        row.put(Column.EVAL_KEY, cell.evalKey(attack));
                        row.put(Column.NATURAL_ACC, ResultRow.fmt(natural));
                        row.put(Column.TRAIN_SECONDS, ResultRow.fmt(trainSeconds));
                        row.put(Column.TRAIN_STEPS, Long.toString(cellSteps));
                        row.put(Column.PLUGIN_VERSIONS, base.get(Column.PLUGIN_VERSIONS) + " " + attack.versioned());
                        try {
                            Engines.seed(cell.seed());
                            AttackOutcome o = evaluator.attack(evalSet, attack.instance());
                            Warnings.Measured m = new Warnings.Measured(attack.info().id(), attack.instance().budget(),
                                    attack.instance().usesGradients(), o.robustAccuracy());
                            List<String> warnings = Warnings.check(m, o, earlier);
                            earlier.add(m);
                            warnings.forEach(w -> progress.line("WARNING " + attack.info().id() + ": " + w));
                            row.put(Column.ROBUST_ACC, ResultRow.fmt(o.robustAccuracy()));
                            row.put(Column.EVAL_NATURAL_ACC, ResultRow.fmt(o.naturalAccuracy()));
                            row.put(Column.EVAL_EXAMPLES, Integer.toString(o.examples()));
                            row.put(Column.SUCCESS_RATE, ResultRow.fmt(o.successRate()));
                            row.put(Column.MEDIAN_L2, ResultRow.fmt(o.medianL2()));
                            row.put(Column.MEDIAN_LINF, ResultRow.fmt(o.medianLinf()));
                            row.put(Column.EVAL_SECONDS, ResultRow.fmt(o.seconds()));
                            row.put(Column.STATUS, ResultRow.OK);
                            row.put(Column.WARNING, String.join("; ", warnings));
                            progress.line(String.format(java.util.Locale.ROOT, "%s robust accuracy %.4f (%d images, %.1f s)",
                                    attack.canonical(), o.robustAccuracy(), o.examples(), o.seconds()));
                            evaluated++;
                        } catch (SpecException e) {
                            throw e;
                        } catch (RuntimeException e) {
                            LOG.warn("evaluation of {} under {} failed", cell.modelKey(), attack.canonical(), e);
                            row.put(Column.STATUS, ResultRow.FAILED);
                            row.put(Column.WARNING, "evaluation failed: " + oneLine(e));
                            progress.line("FAILED " + attack.canonical() + ": " + oneLine(e));
                            failed++;
                        }
                        row.put(Column.TIMESTAMP, Instant.now().toString());
                        file.write(ResultRow.of(row));
                    }
                } catch (DivergedException | CellFailure e) {
                    LOG.warn("cell {} failed", cell.modelKey(), e);
                    progress.line("FAILED: " + oneLine(e));
                    for (Plugin<Attack> attack : todo) {
                        file.write(failedRow(cell, attack, oneLine(e)));
                        failed++;
                    }
                }
            }
        }
        return new Summary(trained, steps, evaluated, skipped, failed);
    }

    private ResultRow failedRow(Cell cell, Plugin<Attack> attack, String reason) {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.putAll(cellColumns(cell));
        row.put(Column.ATTACK, attack.canonical());
        row.put(Column.EVAL_KEY, cell.evalKey(attack));
        row.put(Column.STATUS, ResultRow.FAILED);
        row.put(Column.WARNING, reason);
        row.put(Column.DEVICE, Devices.label(device));
        row.put(Column.TIMESTAMP, Instant.now().toString());
        return ResultRow.of(row);
    }

    private Map<Column, String> provenance(Cell cell, Network net) {
        Map<Column, String> row = cellColumns(cell);
        row.put(Column.PARAMS, Long.toString(net.trainableCount()));
        row.put(Column.DEVICE, Devices.label(device));
        row.put(Column.HARNESS_VERSION, Version.get());
        row.put(Column.DJL_VERSION, Engines.djlVersion());
        row.put(Column.ENGINE, Engines.describe());
        return row;
    }

    private static Map<Column, String> cellColumns(Cell cell) {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.DATASET, cell.dataset());
        row.put(Column.MODEL, cell.model());
        row.put(Column.ACTIVATION, cell.activation().canonical());
        row.put(Column.LR_SCHEDULE, cell.recipe().schedule().id());
        row.put(Column.TRAIN_ATTACK, cell.trainAttackSpec());
        row.put(Column.PARTITIONER, cell.partitionerSpec());
        row.put(Column.SHARE, org.robustgrid.harness.spi.Params.format(cell.share()));
        row.put(Column.STRATEGY, cell.strategy().canonical());
        row.put(Column.CLIENTS, Integer.toString(cell.clients()));
        row.put(Column.ROUNDS, Integer.toString(cell.rounds()));
        row.put(Column.EPOCHS, Integer.toString(cell.recipe().epochs()));
        row.put(Column.SEED, Long.toString(cell.seed()));
        row.put(Column.MODEL_KEY, cell.modelKey());
        row.put(Column.RECIPE, cell.recipe().canonical());
        List<String> versions = new ArrayList<>();
        versions.add(cell.activation().versioned());
        if (cell.trainAttack() != null) {
            versions.add(cell.trainAttack().versioned());
        }
        if (cell.partitioner() != null) {
            versions.add(cell.partitioner().versioned());
        }
        versions.add(cell.strategy().versioned());
        row.put(Column.PLUGIN_VERSIONS, String.join(" ", versions));
        return row;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** A cell that failed inside a plugin or the engine: recorded, and the grid goes on. */
    static final class CellFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CellFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
