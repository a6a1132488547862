package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.data.DataOptions;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.files.Npz;
import org.robustgrid.harness.fixtures.TestPlugins;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;

/**
 * {@code robustgrid export}: a model trained by {@code run}, written as a PyTorch state dict, rebuilt by
 * scripts/pytorch_model.py in PyTorch, gives robustgrid's logits on the same images (1e-4 relative). Needs
 * python3 with PyTorch (Debian's python3-torch, which .ci/run installs); without it the comparison is
 * skipped, unless ROBUSTGRID_REQUIRE_TORCH=1 (CI) makes that a failure.
 */
class ExportTest {

    private static final String DATA = "synthetic(channels=1,size=12,classes=4,train=96,test=16)";

    @Test
    void aTrainedModelGivesTheSameLogitsInPyTorch(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliTest.Result trained = CliTest.run("run", "--dataset", DATA, "--model", "small-cnn(width=4)", "--train-attacks", "fgsm",
                "--eval-attacks", "fgsm", "--strategies", "centralized", "--epochs", "1", "--batch", "32", "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());
        ResultRow row = ResultsStore.read(run.resolve("results.csv")).get(0);
        String key = row.model().modelKey();
        Path export = tmp.resolve("model.npz");
        CliTest.Result exported = CliTest.run("export", run.toString(), "--model-key", key, "--out", export.toString());
        assertEquals(0, exported.code(), exported.err());
        assertTrue(exported.out().startsWith("wrote " + export), exported.out());

        // robustgrid's logits of the restored checkpoint, on test images
        Dataset train = Datasets.load(new DataOptions(DATA, null, false, null, 0, 0, 0L)).train();
        Dataset test = Datasets.load(new DataOptions(DATA, null, false, null, 0, 0, 0L)).test();
        Path check = tmp.resolve("check.npz");
        try (Network net = Network.create(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), train, Device.cpu());
                NDManager m = net.manager().newSubManager()) {
            CheckpointStore.of(run).restore(key, net);
            float[] pixels = new float[16 * test.imageSize()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (test.pixels()[i] & 0xff) / 255f;
            }
            NDArray x = m.create(pixels, new Shape(16, 1, 12, 12));
            NDArray logits = net.classifier().logits(x);
            try (OutputStream out = Files.newOutputStream(check); Npz npz = new Npz(out)) {
                npz.floats("images", x.getShape().getShape(), x.toFloatArray());
                npz.floats("logits", logits.getShape().getShape(), logits.toFloatArray());
            }
            assertEquals(new Shape(16, 4), logits.getShape());
        }
        String result = pytorch(export, check);
        assertTrue(result.contains("max relative difference"), result);
    }

    @Test
    void anUnknownKeyIsOneLine(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("results.csv"), "", StandardCharsets.UTF_8);
        CliTest.Result r = CliTest.run("export", tmp.toString(), "--model-key", "0123456789abcdef", "--out", tmp.resolve("m.npz").toString());
        CliTest.assertOneLine(r);
    }

    /** $ROBUSTGRID_PYTHON, else the first of python3 and Debian's /usr/bin/python3 that imports torch and numpy; null for none. */
    static String pythonWithTorch() throws IOException, InterruptedException {
        String given = System.getenv("ROBUSTGRID_PYTHON");
        for (String python : given != null ? List.of(given) : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import torch, numpy").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }

    /** Runs scripts/pytorch_model.py on an export and a check file; its output, after asserting it exited 0. */
    static String pytorch(Path export, Path check) throws IOException, InterruptedException {
        String python = pythonWithTorch();
        if (python == null && "1".equals(System.getenv("ROBUSTGRID_REQUIRE_TORCH"))) {
            throw new AssertionError("no python3 with PyTorch; install python3-torch (ROBUSTGRID_REQUIRE_TORCH=1)");
        }
        Assumptions.assumeTrue(python != null, "no python3 with PyTorch: the comparison with PyTorch is skipped");
        Path script = Path.of("..", "scripts", "pytorch_model.py");
        Process p = new ProcessBuilder(List.of(python, script.toString(), export.toString(), "--check", check.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "pytorch_model.py did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
