package org.robustgrid.harness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.bench.StepBenchmark;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.ConvGradientProbe;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.engine.MemoryFormats;
import org.robustgrid.harness.fixtures.TestPlugins;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.SpecException;

class LayoutsTest {

    private static final String CACHE_DIR = "robustgrid.cache.dir";

    @AfterEach
    void restore() {
        System.setProperty(Layouts.PROPERTY, "nchw"); // the test JVM's setting (pom.xml)
        System.clearProperty(CACHE_DIR);
        Layouts.forget();
    }

    private static <T> T withLayout(String layout, Supplier<T> body) {
        System.setProperty(Layouts.PROPERTY, layout);
        try {
            return body.get();
        } finally {
            System.setProperty(Layouts.PROPERTY, "nchw");
        }
    }

    @Test
    void channelsLastIsTheSameArrayStoredOtherwiseAndPassesGradientsBack() {
        try (NDManager m = Engines.get().newBaseManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 4, 5));
            x.setRequiresGradient(true);
            NDArray weights = m.randomUniform(0f, 1f, new Shape(2, 3, 4, 5));
            NDArray cl;
            try (GradientCollector c = Engines.get().newGradientCollector()) {
                cl = MemoryFormats.channelsLast(x);
                c.backward(cl.mul(weights).sum());
            }
            assertEquals(x.getShape(), cl.getShape());
            assertArrayEquals(x.toFloatArray(), cl.toFloatArray());
            assertArrayEquals(weights.toFloatArray(), x.getGradient().toFloatArray());
            NDArray flat = m.create(new float[] {1, 2, 3});
            assertTrue(flat == MemoryFormats.channelsLast(flat), "other ranks come back as they are");
        }
    }

    @Test
    void channelsLastConvolutionsMatchNchwOnEveryBuiltInShape() {
        double e = ConvGradientProbe.channelsLastError(Engines.get());
        assertTrue(e < 2e-4, "channels-last convolutions differ from NCHW by " + e);
    }

    @Test
    void theChoiceNeedsTheSameResultsAndAClearGain() {
        Layouts.Choice fast = Layouts.decide(new Layouts.Measurement(1.10, 1.00, 3e-6));
        assertTrue(fast.channelsLast());
        assertEquals("layout=channels-last (measured 1.10x)", fast.label());
        Layouts.Choice tie = Layouts.decide(new Layouts.Measurement(1.02, 1.00, 3e-6));
        assertFalse(tie.channelsLast(), "2% is within the measurement's noise");
        assertEquals("layout=nchw (measured 1.02x)", tie.label());
        Layouts.Choice wrong = Layouts.decide(new Layouts.Measurement(2.0, 1.0, 0.3));
        assertFalse(wrong.channelsLast(), "a faster kernel that computes something else is not used");
        assertEquals("layout=nchw (channels-last differs by 0.30)", wrong.label());
        assertFalse(Layouts.decide(new Layouts.Measurement(2.0, 1.0, Double.NaN)).channelsLast(), "NaN never passes");
    }

    @Test
    void aChannelsLastNetworkTrainsAndAttacksTheSameFunction() {
        Dataset shape = StepBenchmark.randomData(8, 1, 12, 10, 1);
        float[][] nchw = withLayout("nchw", () -> passes(shape));
        float[][] last = withLayout("channels-last", () -> passes(shape));
        for (int k = 0; k < nchw.length; k++) {
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < nchw[k].length; i++) {
                diff += Math.pow(last[k][i] - nchw[k][i], 2);
                norm += Math.pow(nchw[k][i], 2);
            }
            assertTrue(Math.sqrt(diff / norm) < 1e-4, "result " + k + " differs by " + Math.sqrt(diff / norm));
        }
    }

    /** Training logits, folded inference logits, and their input gradient, of a fresh seeded network. */
    private static float[][] passes(Dataset shape) {
        Engines.seed(11);
        try (Network net = Network.create(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), shape, Device.cpu());
                NDManager m = net.manager().newSubManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, 1, 12, 12));
            NDArray y = m.create(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
            float[] train = net.forwardTraining(x).toFloatArray();
            var c = net.inference(m);
            float[] logits = c.logits(x).toFloatArray();
            float[] grad = c.gradient(x, (xt, z) -> Losses.crossEntropy(z, y)).grad().toFloatArray();
            String label = net.computeLabel();
            assertTrue(label.contains("layout=" + System.getProperty(Layouts.PROPERTY) + " (set)"), label);
            return new float[][] {train, logits, grad};
        }
    }

    @Test
    void measuredOnceThenReadFromTheCache(@TempDir Path cache) throws Exception {
        System.setProperty(CACHE_DIR, cache.toString());
        Layouts.Choice first = withLayout("auto", () -> Layouts.choose(TestPlugins.model("small-cnn(width=4)"), 1, 12, 12, 10, 8, Device.cpu()));
        assertTrue(first.label().matches("layout=(nchw|channels-last) \\(measured \\d+\\.\\d\\dx\\)"), first.label());
        List<Path> files;
        try (var s = Files.list(cache)) {
            files = s.filter(p -> p.getFileName().toString().matches("layout-[0-9a-f]{16}\\.properties")).toList();
        }
        assertEquals(1, files.size());
        String text = Files.readString(files.get(0));
        assertTrue(text.contains("key.model=small-cnn(width=4) on 1x12x12 at batch 8"), text);
        // a new process (here: a forgotten choice) reads the answer instead of measuring
        Files.writeString(files.get(0), text.replaceAll("(?m)^layout=.*$", "layout=channels-last")
                .replaceAll("(?m)^label=.*$", "label=layout=channels-last (measured 9.99x)"));
        Layouts.forget();
        Layouts.Choice second = withLayout("auto", () -> Layouts.choose(TestPlugins.model("small-cnn(width=4)"), 1, 12, 12, 10, 8, Device.cpu()));
        assertTrue(second.channelsLast());
        assertEquals("layout=channels-last (measured 9.99x)", second.label());
    }

    @Test
    void gpusKeepNchwAndABadSettingIsOneClearError() {
        assertEquals(new Layouts.Choice(false, ""), withLayout("channels-last",
                () -> Layouts.choose(TestPlugins.model("small-cnn"), 1, 12, 12, 10, 8, Device.gpu())));
        SpecException e = assertThrows(SpecException.class, () -> withLayout("nhwc",
                () -> Layouts.choose(TestPlugins.model("small-cnn"), 1, 12, 12, 10, 8, Device.cpu())));
        assertEquals("-Drobustgrid.layout is 'nhwc'; expected auto, nchw or channels-last", e.getMessage());
    }
}
