package org.robustgrid.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robustgrid.harness.results.ResultsMerge;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Joins the results files of shards into one. */
@Command(name = "merge", description = "Join shards' results files into one (rows keyed by eval_key, no duplicates).")
final class MergeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "the merged results file")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "RESULTS_CSV", description = "shard results files")
    List<Path> inputs;

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            throw new SpecException("merge output " + out + " exists; give a new file name (nothing is overwritten)");
        }
        int rows = ResultsMerge.merge(inputs, out);
        spec.commandLine().getOut().printf("merged %d rows from %d files into %s%n", rows, inputs.size(), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
