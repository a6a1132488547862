package org.robustgrid.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.report.Leaderboard;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsMerge;
import org.robustgrid.harness.results.ResultsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Ranks a results file by robust accuracy per eval attack. */
@Command(name = "leaderboard", description = "Rank a results file by robust accuracy per eval attack and print it.")
final class LeaderboardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_CSV", description = "a results.csv written by 'robustgrid run'")
    Path results;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write the leaderboard as CSV to FILE")
    Path csv;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(results)) {
            throw new DataException("results file " + results + " does not exist; expected a results.csv from 'robustgrid run'");
        }
        Leaderboard board = Leaderboard.of(distinct(spec, ResultsStore.read(results), results), OutcomeStore.besides(results));
        PrintWriter out = spec.commandLine().getOut();
        out.print(board.table());
        out.flush();
        if (csv != null) {
            try {
                Path parent = csv.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(csv, board.csv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new WriteFailure(csv, e);
            }
        }
        return 0;
    }

    /** One row per evaluation key (the newest), saying once on stderr when a file held more. */
    static List<ResultRow> distinct(CommandLine.Model.CommandSpec spec, List<ResultRow> rows, Path file) {
        ResultsMerge.Distinct d = ResultsMerge.newest(rows);
        d.notice(file).ifPresent(n -> note(spec, n));
        return d.rows();
    }

    /** One line on stderr that is neither an error nor a result. */
    static void note(CommandLine.Model.CommandSpec spec, String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("robustgrid: note: " + line);
        err.flush();
    }
}
