package org.robustgrid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robustgrid.harness.bench.StepBenchmark;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.files.Npz;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.model.StateDict;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.ModelProvider;

/**
 * Each built-in architecture, exported as robustgrid exports a trained model, rebuilt by
 * scripts/pytorch_model.py in PyTorch: the same logits (1e-4 relative), BatchNorm statistics that are
 * not the initial ones included. Needs python3 with PyTorch (Debian's python3-torch); skipped without it
 * unless ROBUSTGRID_REQUIRE_TORCH=1.
 */
class PyTorchRebuildTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"resnet18(width=4);3;16", "small-cnn(width=8);1;28", "preact-resnet18(width=4);3;16",
        "wide-resnet(depth=10,widen=2,dropout=0.3);3;16", "wide-resnet(depth=16,widen=1);1;28"})
    void pytorchGivesTheSameLogits(String spec, int channels, int size, @TempDir Path tmp) throws Exception {
        List<ModelProvider> providers = List.of(new ResNet18Provider(), new SmallCnnProvider(), new PreActResNet18Provider(), new WideResNetProvider());
        Engines.seed(5);
        Dataset data = StepBenchmark.randomData(8, channels, size, 10, 1);
        Path export = tmp.resolve("model.npz");
        Path check = tmp.resolve("check.npz");
        try (Network net = Network.create(PluginRegistry.of(providers).model(spec), () -> new ai.djl.nn.LambdaBlock(
                l -> new ai.djl.ndarray.NDList(ai.djl.nn.Activation.relu(l.singletonOrThrow())), "relu"), data, Device.cpu());
                NDManager m = net.manager().newSubManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, channels, size, size));
            for (int i = 0; i < 3; i++) {
                net.forwardTraining(x); // running statistics of these images, not BatchNorm's initial 0 and 1
            }
            NDArray logits = net.classifier().logits(x);
            StateDict.write(net, "{\"format\": \"robustgrid-state-dict-1\", \"model\": \"" + spec + "\", \"activation\": \"relu\","
                    + " \"dataset\": \"random\", \"input\": [" + channels + ", " + size + ", " + size + "], \"classes\": 10, \"model_key\": \"-\"}",
                    export);
            try (OutputStream out = Files.newOutputStream(check); Npz npz = new Npz(out)) {
                npz.floats("images", x.getShape().getShape(), x.toFloatArray());
                npz.floats("logits", logits.getShape().getShape(), logits.toFloatArray());
            }
        }
        String python = pythonWithTorch();
        assertTrue(python != null || !"1".equals(System.getenv("ROBUSTGRID_REQUIRE_TORCH")), "no python3 with PyTorch (ROBUSTGRID_REQUIRE_TORCH=1)");
        Assumptions.assumeTrue(python != null, "no python3 with PyTorch: the comparison with PyTorch is skipped");
        Process p = new ProcessBuilder(python, Path.of("..", "scripts", "pytorch_model.py").toString(), export.toString(), "--check", check.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "pytorch_model.py did not finish");
        assertEquals(0, p.exitValue(), spec + ": " + out);
        assertTrue(out.contains("max relative difference"), out);
    }

    /** $ROBUSTGRID_PYTHON, else the first of python3 and Debian's /usr/bin/python3 that imports torch and numpy; null for none. */
    private static String pythonWithTorch() throws Exception {
        String given = System.getenv("ROBUSTGRID_PYTHON");
        for (String python : given != null ? List.of(given) : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import torch, numpy").redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
            } catch (java.io.IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }
}
