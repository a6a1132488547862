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
import org.robustgrid.harness.report.Report;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Draws a results file as one self-contained HTML page. */
@Command(name = "report", description = "Write a results file as one self-contained HTML page: charts (inline SVG), leaderboard,"
        + " failed rows and warnings.")
final class ReportCommand implements Callable<Integer> {

    /** File name of the page when --out is not given, next to the results file. */
    static final String DEFAULT_NAME = "report.html";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_CSV", description = "a results.csv written by 'robustgrid run'")
    Path results;

    @Option(names = "--out", paramLabel = "FILE", description = "the HTML page to write (default: " + DEFAULT_NAME
            + " next to RESULTS_CSV)")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(results)) {
            throw new DataException("results file " + results + " does not exist; expected a results.csv from 'robustgrid run'");
        }
        List<ResultRow> rows = LeaderboardCommand.distinct(spec, ResultsStore.read(results), results);
        if (rows.isEmpty()) {
            throw new DataException("results file " + results + " has a header but no rows; run 'robustgrid run' to fill it");
        }
        Path page = out != null ? out : results.resolveSibling(DEFAULT_NAME);
        if (Files.isDirectory(page)) {
            throw new DataException("--out " + page + " is a folder; expected the path of an .html file");
        }
        try {
            Path parent = page.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Report report = Report.of(rows, results);
            Files.writeString(page, report.html(results.toString()), StandardCharsets.UTF_8);
            Files.writeString(page.resolveSibling("curves.csv"), report.curvesCsv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WriteFailure(page, e);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + page + " (" + rows.size() + " rows)");
        w.flush();
        return 0;
    }
}
