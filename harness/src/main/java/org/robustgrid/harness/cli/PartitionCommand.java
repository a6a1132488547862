package org.robustgrid.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.data.DataOptions;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.partition.ClientHistogram;
import org.robustgrid.harness.partition.DataSharing;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Prints each client's class histogram for a partitioner spec. */
@Command(name = "partition", description = "Print each client's class histogram under a partitioner (and data sharing).")
final class PartitionCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "a partitioner spec, e.g. shards(classes-per-client=2) or dirichlet(beta=0.1)")
    String partitioner;

    @Option(names = "--clients", defaultValue = "" + Defaults.CLIENTS, description = "number of clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--share", defaultValue = "0", description = "data-sharing fraction in [0,1] (default: ${DEFAULT-VALUE})")
    String share;

    @Option(names = "--dataset", defaultValue = Defaults.DATASET, description = "data set (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the data set's files are")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (clients < 1) {
            throw new SpecException("--clients is " + clients + "; expected at least 1");
        }
        double fraction = Params.parseReal(share);
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new SpecException("--share is '" + share + "'; expected a number in [0, 1]");
        }
        var p = main.registry().partitioner(partitioner);
        Dataset train = Datasets.load(new DataOptions(dataset, dataDir, false, null, 0, 1, seed)).train();
        List<int[]> parts = p.instance().split(train.labels(), train.numClasses(), clients, seed);
        parts = DataSharing.apply(parts, train.labels(), train.numClasses(), fraction, seed);
        var out = spec.commandLine().getOut();
        out.println(SpecText.display(p.canonical()) + ", " + clients + " clients, share " + Params.format(fraction) + ", " + dataset + " training set:");
        out.print(ClientHistogram.of(parts, train.labels(), train.numClasses()).table(train.classNames()));
        if (fraction > 0) {
            out.println(DataSharing.SEMANTICS);
        }
        out.flush();
        return 0;
    }
}
