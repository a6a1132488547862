package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.testkit.Plugins;

/**
 * Values and input gradients against PyTorch's, read from the golden file that
 * {@code scripts/activation_oracle.py} wrote with torch: at -3, -1, 0, 1, 3, the tails, and at and
 * beside every breakpoint, where a kink's gradient is a convention and PyTorch's is the one to follow.
 */
class TorchGoldenTest {

    /** Activations PyTorch does not have. */
    private static final Set<String> NOT_IN_PYTORCH = Set.of("telu");

    @Test
    void everyActivationMatchesPyTorchAtItsKinks() throws IOException {
        Map<String, List<double[]>> golden = golden();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : golden.entrySet()) {
            compare(e.getKey(), e.getValue(), failures);
        }
        assertTrue(failures.isEmpty(), failures.size() + " mismatches with PyTorch:\n" + String.join("\n", failures));
    }

    @Test
    void everyActivationThatPyTorchHasIsInTheGoldenFile() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (String spec : golden().keySet()) {
            covered.add(Plugins.id(spec));
        }
        Set<String> expected = new TreeSet<>();
        for (String id : Plugins.ids(PluginKind.ACTIVATION)) {
            if (!NOT_IN_PYTORCH.contains(id)) {
                expected.add(id);
            }
        }
        assertEquals(expected, covered);
    }

    private static void compare(String spec, List<double[]> rows, List<String> failures) {
        float[] in = new float[rows.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rows.get(i)[0];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(in);
            Block block = Plugins.activation(spec).newBlock();
            block.initialize(m, DataType.FLOAT32, x.getShape());
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                collector.backward(y.sum());
            }
            float[] values = y.toFloatArray();
            float[] grads = x.getGradient().toFloatArray();
            for (int i = 0; i < in.length; i++) {
                double[] want = rows.get(i);
                if (Math.abs(values[i] - want[1]) > tolerance(want[1])) {
                    failures.add(spec + " at x=" + in[i] + ": value " + values[i] + ", PyTorch " + want[1]);
                }
                if (Math.abs(grads[i] - want[2]) > tolerance(want[2])) {
                    failures.add(spec + " at x=" + in[i] + ": gradient " + grads[i] + ", PyTorch " + want[2]);
                }
            }
        }
    }

    /** 1e-6, and one float32 rounding beyond it for values far from 0 (30 has an ulp of 1.9e-6). */
    private static double tolerance(double expected) {
        return 1e-6 + 1.2e-7 * Math.abs(expected);
    }

    private static Map<String, List<double[]>> golden() throws IOException {
        Map<String, List<double[]>> bySpec = new LinkedHashMap<>();
        try (InputStream in = TorchGoldenTest.class.getResourceAsStream("/activations/torch-golden.csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
                String[] f = line.split(";");
                bySpec.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        }
        return bySpec;
    }
}
