package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.fixtures.TestPlugins;
import org.robustgrid.harness.model.TorchScript;
import org.robustgrid.harness.model.TorchScriptProvider;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.PluginProvider;
import picocli.CommandLine;

/** {@code run --model 'torchscript(file=...)'}: a PyTorch model evaluated like a trained one, end to end. */
class TorchScriptRunTest {

    private static final String DATA = "synthetic(channels=3,size=8,classes=10,train=32,test=48)";

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptRunTest.class.getResource("/torchscript/" + name).toURI());
    }

    private static CliTest.Result run(String... args) {
        List<PluginProvider<?>> providers = new ArrayList<>(TestPlugins.all());
        providers.add(new TorchScriptProvider());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main().withRegistry(PluginRegistry.of(providers)));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new CliTest.Result(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void aTorchScriptFileIsEvaluatedNotTrainedAndItsDigestIsInTheRows(@TempDir Path out) throws Exception {
        String spec = "torchscript(file=" + resource("small-scripted.pt") + ")";
        // two activations and two seeds: none applies to a TorchScript model, which is evaluated once
        CliTest.Result r = run("run", "--dataset", DATA, "--model", spec, "--activations", "relu,relu", "--seeds", "0,1",
                "--train-attacks", "fgsm", "--eval-attacks", "fgsm,fgsm(eps=0.1)", "--strategies", "centralized", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trained 0 models (0 steps), wrote 2 rows"), r.out());
        List<ResultRow> rows = ResultsStore.read(out.resolve("results.csv"));
        assertEquals(2, rows.stream().filter(row -> row.get(Column.ATTACK).startsWith("fgsm")).count(), rows.toString());
        String digest = ((TorchScript) new TorchScriptProvider().create(Params.resolve("torchscript", new TorchScriptProvider().parameters(),
                java.util.Map.of("file", resource("small-scripted.pt").toString())))).sha256();
        for (ResultRow row : rows) {
            assertTrue(row.get(Column.MODEL).endsWith(",sha256=" + digest + ")"), row.get(Column.MODEL));
            assertEquals("none", row.get(Column.ACTIVATION));
            assertEquals("0", row.get(Column.TRAIN_STEPS));
            assertTrue(row.get(Column.PLUGIN_SOURCES).startsWith("torchscript="), row.get(Column.PLUGIN_SOURCES));
            assertEquals("", row.warning());
        }
        // a rerun finds the rows of the same file done
        CliTest.Result again = run("run", "--dataset", DATA, "--model", spec, "--train-attacks", "fgsm", "--eval-attacks", "fgsm,fgsm(eps=0.1)",
                "--strategies", "centralized", "--out", out.toString());
        assertTrue(again.out().contains("wrote 0 rows"), again.out());
    }

    @Test
    void aRandomizedModuleGetsAWarningInItsRows(@TempDir Path out) throws Exception {
        CliTest.Result r = run("run", "--dataset", DATA, "--model", "torchscript(file=" + resource("noisy.pt") + ")", "--train-attacks", "fgsm",
                "--eval-attacks", "fgsm", "--strategies", "centralized", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ResultRow row = ResultsStore.read(out.resolve("results.csv")).get(0);
        assertTrue(row.warning().startsWith("torchscript model not deterministic"), row.warning());
    }

    @Test
    void aModuleThatDoesNotFitTheDataIsOneLineAndExitTwo(@TempDir Path out) throws Exception {
        CliTest.Result r = run("run", "--dataset", DATA, "--model", "torchscript(file=" + resource("five-classes.pt") + ")",
                "--train-attacks", "fgsm", "--eval-attacks", "fgsm", "--strategies", "centralized", "--out", out.toString());
        CliTest.assertOneLine(r);
        assertTrue(r.err().contains("expected (2, 10)"), r.err());
    }
}
