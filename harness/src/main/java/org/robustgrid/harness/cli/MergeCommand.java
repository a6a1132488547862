package org.robustgrid.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.robustgrid.harness.grid.GridFiles;
import org.robustgrid.harness.results.ResultsMerge;
import org.robustgrid.harness.shard.ShardCheck;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Joins the results files of shards into one, after checking that they are the shards of one grid (or, with --grids, of several), all done. */
@Command(name = "merge", description = "Join shards' results files into one (rows keyed by eval_key, no duplicates);"
        + " refuses shards of different grids (unless --grids) and names missing or incomplete shards.")
final class MergeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the merged results file")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "SHARD", description = "shard output folders, or their results.csv files")
    List<Path> inputs;

    @Option(names = "--partial", description = "merge even when shards are missing or incomplete")
    boolean partial;

    @Option(names = "--grids", description = "join the results of several grids (e.g. presets run into their own folders), each"
            + " checked as one grid: all its shards present and complete")
    boolean grids;

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            throw new SpecException("merge output " + out + " exists; give a new file name (nothing is overwritten)");
        }
        List<ShardCheck> checks = grids ? ShardCheck.ofGrids(inputs) : List.of(ShardCheck.of(inputs));
        List<Path> files = new ArrayList<>();
        for (ShardCheck check : checks) {
            check.report().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            if (!check.complete() && !partial) {
                throw new SpecException(check.problem());
            }
            files.addAll(check.resultsFiles());
        }
        ResultsMerge.Merged merged = ResultsMerge.merge(files, out);
        // the grids beside the merged rows, so that 'verify' can recompute them
        Path folder = out.toAbsolutePath().getParent();
        for (ShardCheck check : checks) {
            Path target = grids ? folder.resolve(GridFiles.GRIDS).resolve(check.grid().orElseThrow() + ".txt") : folder.resolve(GridFiles.GRID);
            if (check.dirs().stream().noneMatch(d -> GridFiles.copy(d, target))) {
                LeaderboardCommand.note(spec, "no input folder has a " + GridFiles.GRID + ", so 'verify' cannot recompute the merged rows");
            }
        }
        if (merged.duplicates() > 0) {
            LeaderboardCommand.note(spec, "the inputs: " + merged.duplicates() + " evaluation" + (merged.duplicates() == 1 ? " has" : "s have")
                    + " more than one row (the same eval_key); merged the newest of each (a successful row over a failed one)");
        }
        spec.commandLine().getOut().printf("merged %d rows from %d files into %s%n", merged.rows(), files.size(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
