package org.robustgrid.harness.cli;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.data.DataOptions;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.model.StateDict;
import org.robustgrid.harness.model.TorchScript;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Writes a trained model's weights for PyTorch: a NumPy {@code .npz} state dict under PyTorch's names
 * ({@link StateDict}), BatchNorm statistics and the input normalization included, plus a JSON header
 * ({@code __robustgrid__}) naming the model, activation, data set and image shape, which
 * scripts/pytorch_model.py rebuilds and loads without robustgrid.
 */
@Command(name = "export", description = "Write a trained model's weights as a PyTorch state dict (.npz): scripts/pytorch_model.py loads it.")
final class ExportCommand implements Callable<Integer> {

    /** The header's format name, which scripts/pytorch_model.py checks. */
    static final String FORMAT = "robustgrid-state-dict-1";

    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_DIR", description = "a folder written by 'robustgrid run' (results.csv and checkpoints/)")
    Path dir;

    @Option(names = "--model-key", required = true, paramLabel = "KEY", description = "the model_key of the model (a column of results.csv)")
    String key;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .npz file to write")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the data set's files are (for its image shape and normalization)")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        Path csv = dir.resolve("results.csv");
        if (!Files.isRegularFile(csv)) {
            throw new DataException("results file " + csv + " does not exist; expected a folder written by 'robustgrid run'");
        }
        List<ResultRow> rows = ResultsStore.read(csv).stream().filter(r -> r.model().modelKey().equals(key)).toList();
        if (rows.isEmpty()) {
            throw new SpecException("no model with key '" + key + "' in " + csv + "; expected a value of its model_key column");
        }
        ResultRow row = rows.get(0);
        CheckpointStore store = CheckpointStore.of(dir);
        if (store.finished(key).isEmpty()) {
            throw new SpecException("model " + key + " has no finished checkpoint in " + dir.resolve("checkpoints")
                    + "; expected the folder its 'robustgrid run' wrote");
        }
        PluginRegistry registry = main.registry();
        var model = registry.model(row.model().model());
        if (model.instance() instanceof TorchScript) {
            throw new SpecException("model " + key + " is a TorchScript file (" + row.model().model() + "); PyTorch loads that file itself");
        }
        Dataset data = Datasets.load(new DataOptions(row.model().dataset(), dataDir, false, null, 0, 0, 0L)).train();
        try (Network net = Network.create(model, registry.activation(row.model().activation()).instance(), data, Device.cpu())) {
            store.restore(key, net);
            StateDict.write(net, header(row, data), out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %s: %s with %s on %s, %s trainable parameters; load it with scripts/pytorch_model.py%n", out,
                row.model().model(), row.model().activation(), row.model().dataset(), rowParams(row));
        w.flush();
        return 0;
    }

    private static String rowParams(ResultRow row) {
        return row.get(org.robustgrid.harness.results.Column.PARAMS);
    }

    /** The JSON header: what PyTorch needs to rebuild the network around the weights. */
    static String header(ResultRow row, Dataset data) {
        return String.format(Locale.ROOT, "{\"format\": %s, \"model\": %s, \"activation\": %s, \"dataset\": %s, \"input\": [%d, %d, %d],"
                + " \"classes\": %d, \"model_key\": %s}", json(FORMAT), json(row.model().model()), json(row.model().activation()),
                json(row.model().dataset()), data.channels(), data.height(), data.width(), data.numClasses(), json(row.model().modelKey()));
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
