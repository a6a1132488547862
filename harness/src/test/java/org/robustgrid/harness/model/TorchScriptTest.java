package org.robustgrid.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robustgrid.harness.bench.StepBenchmark;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.SpecException;

/**
 * TorchScript files written by scripts/torchscript_oracle.py under Debian's torch 1.13: the harness's
 * logits and input gradients against PyTorch's, and the modules the harness must refuse or flag.
 */
class TorchScriptTest {

    /** 3x8x8 images, 10 classes: the modules' shape. */
    private static final Dataset SHAPE = StepBenchmark.randomData(4, 3, 8, 10, 0);

    static Path resource(String name) {
        try {
            return Path.of(TorchScriptTest.class.getResource("/torchscript/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TorchScript model(Path file) {
        return (TorchScript) PluginRegistry.of(List.of(new TorchScriptProvider())).model("torchscript(file=" + file + ")").instance();
    }

    /** golden.txt: one line per array, its name then its values. */
    private static Map<String, float[]> golden() {
        Map<String, float[]> g = new HashMap<>();
        try {
            for (String line : Files.readAllLines(resource("golden.txt"))) {
                if (!line.startsWith("#")) {
                    String[] parts = line.strip().split(" ");
                    float[] v = new float[parts.length - 1];
                    for (int i = 1; i < parts.length; i++) {
                        v[i - 1] = Float.parseFloat(parts[i]);
                    }
                    g.put(parts[0], v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    private static double relativeError(float[] actual, float[] expected) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs((double) actual[i] - expected[i]));
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return diff / scale;
    }

    @ParameterizedTest
    @ValueSource(strings = {"small-traced.pt", "small-scripted.pt", "small-scripted-train-mode.pt"})
    void logitsAndInputGradientsArePyTorchs(String file) {
        Map<String, float[]> g = golden();
        try (Network net = Network.load(model(resource(file)), SHAPE, Device.cpu()); NDManager m = net.manager().newSubManager()) {
            assertEquals("", net.warning());
            NDArray x = m.create(g.get("x"), new Shape(4, 3, 8, 8));
            float[] y = g.get("y");
            NDArray labels = m.create(new int[] {(int) y[0], (int) y[1], (int) y[2], (int) y[3]});
            for (NetworkClassifier c : List.of(net.classifier(), net.inference(m))) {
                float[] logits = c.logits(x).toFloatArray();
                assertTrue(relativeError(logits, g.get("logits")) <= 1e-5, () -> file + ": logits differ from PyTorch's by "
                        + relativeError(logits, g.get("logits")) + ": " + Arrays.toString(logits));
                Classifier.InputGradient grad = c.gradient(x, (xt, z) -> Losses.crossEntropy(z, labels));
                float[] dx = grad.grad().toFloatArray();
                assertTrue(relativeError(dx, g.get("grad")) <= 1e-5, () -> file + ": input gradients differ from PyTorch's by "
                        + relativeError(dx, g.get("grad")));
            }
            // an attack's gradient pass leaves the module's weights without gradients to carry over
            assertTrue(net.trainableCount() > 0, "the module's parameters are counted");
            assertEquals("model=torchscript", net.computeLabel());
        }
    }

    /** A training-mode pass (which a scripted BatchNorm obeys) must not leave attacks running on batch statistics. */
    @Test
    void attacksRunInEvalModeAfterATrainingModePass() {
        try (Network net = Network.load(model(resource("small-scripted.pt")), SHAPE, Device.cpu()); NDManager m = net.manager().newSubManager()) {
            NDArray x = m.create(golden().get("x"), new Shape(4, 3, 8, 8));
            net.block().forward(net.store(), new ai.djl.ndarray.NDList(x), true);
            NDArray labels = m.create(new int[] {0, 1, 2, 3});
            float[] attacked = net.classifier().gradient(x, (xt, z) -> Losses.crossEntropy(z, labels)).logits().toFloatArray();
            float[] evaluated = net.block().forward(net.store(), new ai.djl.ndarray.NDList(x), false).singletonOrThrow().toFloatArray();
            assertTrue(relativeError(attacked, evaluated) <= 1e-6, () -> "an attack's pass differs from eval mode by " + relativeError(attacked, evaluated));
        }
    }

    @Test
    void aModuleForOtherImagesIsOneLineNamingBothShapes() {
        SpecException e = assertThrows(SpecException.class, () -> Network.load(model(resource("one-channel.pt")), SHAPE, Device.cpu()));
        assertTrue(e.getMessage().contains("fails on float32 images of shape (2, 3, 8, 8)"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void anotherClassCountIsOneLineNamingBoth() {
        SpecException e = assertThrows(SpecException.class, () -> Network.load(model(resource("five-classes.pt")), SHAPE, Device.cpu()));
        assertTrue(e.getMessage().contains("returns logits of shape (2, 5)") && e.getMessage().contains("expected (2, 10)"), e.getMessage());
    }

    @Test
    void aTupleInsteadOfATensorIsRefused() {
        SpecException e = assertThrows(SpecException.class, () -> Network.load(model(resource("tuple-out.pt")), SHAPE, Device.cpu()));
        assertTrue(e.getMessage().contains("expected one tensor of logits (2, 10)"), e.getMessage());
    }

    @Test
    void aFileThatIsNotTorchScriptIsOneLine(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("weights.pt");
        Files.write(file, "not a zip archive".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SpecException e = assertThrows(SpecException.class, () -> Network.load(model(file), SHAPE, Device.cpu()));
        assertTrue(e.getMessage().contains("is not a TorchScript file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aModuleWhoseLogitsChangeBetweenPassesIsFlagged() {
        try (Network net = Network.load(model(resource("noisy.pt")), SHAPE, Device.cpu())) {
            assertTrue(net.warning().startsWith("torchscript model not deterministic"), net.warning());
        }
    }

    @Test
    void theSpecCarriesTheFilesDigestAndAPinnedDigestRefusesAnotherFile(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a.pt");
        Files.copy(resource("small-traced.pt"), a);
        String digest = model(a).sha256();
        assertEquals(64, digest.length());
        PluginRegistry registry = PluginRegistry.of(List.of(new TorchScriptProvider()));
        assertEquals(digest, ((TorchScript) registry.model("torchscript(file=" + a + ",sha256=" + digest + ")").instance()).sha256());
        Files.copy(resource("small-scripted.pt"), a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertNotEquals(digest, model(a).sha256(), "a changed file is a new model");
        SpecException e = assertThrows(SpecException.class, () -> registry.model("torchscript(file=" + a + ",sha256=" + digest + ")"));
        assertTrue(e.getMessage().contains("the spec says " + digest), e.getMessage());
        SpecException missing = assertThrows(SpecException.class, () -> registry.model("torchscript(file=" + tmp.resolve("none.pt") + ")"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
