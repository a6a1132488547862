package org.robustgrid.harness.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.data.DataOptions;
import org.robustgrid.harness.data.DataSplit;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.engine.Devices;
import org.robustgrid.harness.files.FolderLock;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.grid.GridFiles;
import org.robustgrid.harness.grid.GridKey;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.grid.GridRunner;
import org.robustgrid.harness.grid.GridSpec;
import org.robustgrid.harness.report.Leaderboard;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.shard.Shard;
import org.robustgrid.harness.shard.ShardManifest;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code robustgrid run [GRID_FILE] [--preset NAME] [--<grid key> VALUE]...}: runs a grid, resumably,
 * into {@code OUT/results.csv} and prints its leaderboard. Every grid key is also a flag; the flags
 * are made from {@link GridSpec#KEYS}, so help and grid files cannot drift apart.
 */
@Command(name = "run", description = "Run a grid (a grid file, a preset, or flags), resumably, and print its leaderboard.")
final class RunCommand implements Callable<Integer> {

    /** Flags the issue tracker and users spell in the singular. */
    private static final Map<String, String> ALIASES = Map.of("train-attacks", "--train-attack", "seeds", "--seed",
            "activations", "--activation", "strategies", "--strategy", "partitioners", "--partitioner", "models", "--model");

    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "GRID_FILE", description = "a grid file of 'key = value' lines")
    Path gridFile;

    @Option(names = "--preset", paramLabel = "NAME", description = "a shipped grid: quick, fmnist, fmnist-federated or paper")
    String preset;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.OUT_DIR,
            description = "output folder: results.csv, checkpoints/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--device", defaultValue = Defaults.DEVICE, description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the data set's files are")
    Path dataDir;

    @Option(names = "--download", description = "download CIFAR-10 when no local copy exists (needs network)")
    boolean download;

    @Option(names = "--shard", paramLabel = "i/n", description = "run only the i-th of n disjoint parts of the grid (1-based),"
            + " or auto: from Slurm's job-array variables")
    String shard;

    @Option(names = "--dry-run", description = "print the grid and its cells, run nothing")
    boolean dryRun;

    /** Adds one flag per grid key to the {@code run} command. */
    static void addGridOptions(CommandLine run) {
        for (GridKey k : GridSpec.KEYS) {
            OptionSpec.Builder b = OptionSpec.builder(names(k.name())).paramLabel(k.axis() ? "LIST" : "VALUE").type(String.class)
                    .description(k.help());
            run.getCommandSpec().addOption(b.build());
        }
    }

    private static String[] names(String key) {
        String alias = ALIASES.get(key);
        return alias == null ? new String[] {"--" + key} : new String[] {"--" + key, alias};
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (gridFile != null && preset != null) {
            throw new SpecException("give a grid file or --preset, not both");
        }
        GridSpec grid = gridFile != null ? GridSpec.file(gridFile) : preset != null ? GridSpec.preset(preset) : GridSpec.defaults();
        Map<String, String> flags = new LinkedHashMap<>();
        for (GridKey k : GridSpec.KEYS) {
            OptionSpec o = spec.findOption("--" + k.name());
            if (o != null && o.getValue() != null) {
                flags.put(k.name(), o.getValue());
            }
        }
        grid = grid.with(flags);
        GridPlan plan = GridPlan.of(grid, main.registry());
        Shard part = Shard.parse(shard, System.getenv());
        ShardManifest manifest = ShardManifest.of(plan, part);
        plan = plan.shard(part.index(), part.count());
        if (dryRun) {
            stdout.print(grid.toText());
            stdout.printf(Locale.ROOT, "# %d models x %d eval attacks%s%n", plan.cells().size(), plan.evalAttacks().size(),
                    plan.evaluations() == plan.cells().size() * plan.evalAttacks().size() ? ""
                            : String.format(Locale.ROOT, " (%d evaluations: eval-seeds and eval-schedules keep some attacks to some models)", plan.evaluations()));
            plan.cells().forEach(c -> stdout.println("# " + c.modelKey() + " " + c.label()));
            stdout.flush();
            return 0;
        }
        Device dev = Devices.resolve(device);
        DataSplit data = Datasets.load(new DataOptions(grid.get("dataset"), dataDir, download, null, 0, 0, 0L));
        try (FolderLock lock = lock()) {
            writeGrid(grid);
            manifest.record(out);
            return run(plan, data, dev);
        }
    }

    /** The output folder's lock: one run writes a folder at a time (docs/architecture.md, "One writer per folder"). */
    private FolderLock lock() {
        try {
            return FolderLock.acquire(out, note -> LeaderboardCommand.note(spec, note));
        } catch (FolderLock.HeldException e) {
            throw new SpecException(e.getMessage());
        }
    }

    private int run(GridPlan plan, DataSplit data, Device dev) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        long start = System.nanoTime();
        Path results = out.resolve(ResultsStore.FILE);
        try (ResultsStore store = ResultsStore.open(results)) {
            GridRunner.Summary s = new GridRunner(data, dev, out, err).run(plan, store);
            double seconds = (System.nanoTime() - start) / 1e9;
            stdout.print(Leaderboard.of(LeaderboardCommand.distinct(spec, store.rows(), results), OutcomeStore.besides(results)).table());
            stdout.printf(Locale.ROOT, "%ntrained %d models (%d steps), wrote %d rows, skipped %d done, %d failed in %.1f s; results: %s%n",
                    s.trained(), s.trainSteps(), s.evaluated() + s.failed(), s.skipped(), s.failed(), seconds, results);
            stdout.flush();
            return s.failed() > 0 ? Main.RUN_FAILED : 0;
        }
    }

    private void writeGrid(GridSpec grid) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(GridFiles.GRID), grid.toText(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WriteFailure(out.resolve(GridFiles.GRID), e);
        }
    }
}
