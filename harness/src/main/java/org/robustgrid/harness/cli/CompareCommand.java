package org.robustgrid.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.report.ActivationComparison;
import org.robustgrid.harness.results.ResultsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which activations differ from a baseline in robust accuracy, per eval attack, against the grid's seed noise. */
@Command(name = "compare", description = "Test each activation against a baseline activation in robust accuracy, per eval attack: paired"
        + " in every setting and seed both have, against the seed-to-seed noise of the grid's own models (needs two seeds or more).")
final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_CSV", description = "a results.csv written by 'robustgrid run'")
    Path results;

    @Option(names = "--baseline", paramLabel = "ID", defaultValue = "relu", description = "the baseline activation's id (default: ${DEFAULT-VALUE})")
    String baseline;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(results)) {
            throw new DataException("results file " + results + " does not exist; expected a results.csv from 'robustgrid run'");
        }
        List<ActivationComparison.Attack> attacks = ActivationComparison.of(
                LeaderboardCommand.distinct(spec, ResultsStore.read(results), results), baseline);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ActivationComparison.table(attacks, baseline));
        out.flush();
        return 0;
    }
}
