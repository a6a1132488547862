package org.robustgrid.harness.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.robustgrid.harness.data.DataOptions;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.engine.Devices;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.grid.GridFiles;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.grid.GridRunner;
import org.robustgrid.harness.grid.GridSpec;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Measures;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.results.WorstCase;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Recomputes rows of a results folder from what the folder stores and says, per row, whether the
 * numbers are identical, within the recorded number's 95% interval, or different.
 */
@Command(name = "verify", description = "Recompute a sample of a results folder's rows from its checkpoints (or by training again)"
        + " and compare: identical, within the recorded number's 95%% interval, or different. Exit 0 only when none differs.")
final class VerifyCommand implements Callable<Integer> {

    /** Rows recomputed when --sample is not given. */
    static final int DEFAULT_SAMPLE = 3;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_DIR", description = "a folder written by 'robustgrid run' or 'merge': results.csv, grid.txt or"
            + " grids/, checkpoints/")
    Path folder;

    @Option(names = "--sample", paramLabel = "N",
            description = "rows to recompute, chosen at random (default: " + DEFAULT_SAMPLE + ", or every row when there are fewer)")
    Integer sample;

    @Option(names = "--retrain", description = "train each sampled model again instead of restoring its checkpoint")
    boolean retrain;

    @Option(names = "--seed", paramLabel = "S", description = "the seed that chooses the rows (default: a random one, printed)")
    Long seed;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the data set's files are")
    Path dataDir;

    /** How a recomputed row compares with the recorded one. */
    enum Verdict {
        IDENTICAL("identical"), WITHIN("within its 95% interval"), DIFFERENT("different");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    @Override
    public Integer call() {
        Path dir = Files.isRegularFile(folder) && folder.getFileName().toString().equals(ResultsStore.FILE) ? folder.getParent() : folder;
        Path results = dir.resolve(ResultsStore.FILE);
        List<Path> grids = GridFiles.of(dir);
        if (!Files.isRegularFile(results) || grids.isEmpty()) {
            throw new SpecException(folder + " is not a results folder: it has no " + (Files.isRegularFile(results) ? GridFiles.GRID : ResultsStore.FILE)
                    + "; expected a folder written by 'robustgrid run' or 'robustgrid merge' (results.csv, grid.txt or grids/, checkpoints/)");
        }
        List<ResultRow> rows = LeaderboardCommand.distinct(spec, ResultsStore.read(results), results).stream()
                .filter(r -> r.ok() && !WorstCase.is(r)).toList();
        int sample = this.sample != null ? this.sample : Math.min(DEFAULT_SAMPLE, rows.size());
        if (sample < 1 || sample > rows.size()) {
            throw new SpecException("--sample " + sample + " is not in [1, " + rows.size() + "]: " + results + " has " + rows.size()
                    + " completed attack rows to recompute (worst-case rows are computed from them)");
        }
        long s = seed != null ? seed : new SecureRandom().nextLong();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(s));
        List<Integer> chosen = new ArrayList<>(order.subList(0, sample));
        Collections.sort(chosen);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "verifying %d of %d rows of %s, %s; chosen with --seed %d: rows %s%n", sample, rows.size(), results,
                retrain ? "training each model again" : "re-evaluating each model from its checkpoint", s,
                String.join(", ", chosen.stream().map(i -> Integer.toString(i + 1)).toList()));
        out.flush();

        List<GridSpec> specs = grids.stream().map(GridSpec::file).toList();
        List<GridPlan> plans = specs.stream().map(g -> GridPlan.of(g, main.registry())).toList();
        Device dev = Devices.resolve(device);
        Map<String, GridRunner> runners = new HashMap<>(); // one per data set, loaded when a row needs it
        int differ = 0;
        for (int i : chosen) {
            ResultRow row = rows.get(i);
            // the grid that made the row; the first when none did (recompute then says what is missing)
            int which = IntStream.range(0, plans.size()).filter(g -> GridRunner.made(plans.get(g), row)).findFirst().orElse(0);
            String dataset = specs.get(which).get("dataset");
            GridRunner runner = runners.computeIfAbsent(dataset, d -> new GridRunner(
                    Datasets.load(new DataOptions(d, dataDir, false, null, 0, 0, 0L)), dev, dir, spec.commandLine().getErr()));
            Path scratch = scratch();
            GridRunner.Recomputed r;
            try {
                r = runner.recompute(plans.get(which), row, retrain, scratch);
            } finally {
                delete(scratch);
            }
            String what = String.format(Locale.ROOT, "row %d (%s, %s under %s)", i + 1, row.evalKey(), SpecText.display(row.model().activation()),
                    SpecText.display(row.attack()));
            if (!r.failure().isEmpty()) {
                differ++;
                out.println(what + ": different: not recomputed: " + r.failure());
                out.flush();
                continue;
            }
            Verdict natural = compare(row.measures().naturalAcc(), r.natural(), r.testSize());
            Verdict robust = compare(row.measures().robustAcc(), r.robust(), row.measures().evalExamples());
            Verdict v = natural.compareTo(robust) >= 0 ? natural : robust;
            differ += v == Verdict.DIFFERENT ? 1 : 0;
            out.printf(Locale.ROOT, "%s: %s: natural %s recorded, %s recomputed; robust %s recorded, %s recomputed%s%n", what, v.text,
                    ResultRow.fmt(row.measures().naturalAcc()), ResultRow.fmt(r.natural()), ResultRow.fmt(row.measures().robustAcc()),
                    ResultRow.fmt(r.robust()), r.note().isEmpty() ? "" : " (" + r.note() + ")");
            out.flush();
        }
        out.printf(Locale.ROOT, "%d of %d rows differ%n", differ, chosen.size());
        out.flush();
        return differ == 0 ? 0 : Main.RUN_FAILED;
    }

    /**
     * Identical at the file's precision; else within the 95% Wilson interval of the recorded count over
     * {@code n} images (the interval is recomputed from the recorded number, so a hand-edited number
     * brings no interval of its own); else different.
     */
    static Verdict compare(double recorded, double recomputed, int n) {
        if (ResultRow.fmt(recorded).equals(ResultRow.fmt(recomputed))) {
            return Verdict.IDENTICAL;
        }
        if (n <= 0 || Double.isNaN(recorded) || Double.isNaN(recomputed)) {
            return Verdict.DIFFERENT;
        }
        double[] ci = Measures.wilson(Math.round(recorded * n), n);
        return recomputed >= ci[0] && recomputed <= ci[1] ? Verdict.WITHIN : Verdict.DIFFERENT;
    }

    /** A folder of its own for each recomputed model: the results folder is only read. */
    private static Path scratch() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createTempDirectory(tmp, "robustgrid-verify-");
        } catch (IOException e) {
            throw new WriteFailure(tmp, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left in the temporary folder
        }
    }
}
