package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.plugin.PluginInfo;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.PluginKind;

/** Every provider is registered in META-INF/services and found by the harness's discovery. */
class ServicesTest {

    /** ReLU and the ten other activations of the study (PAPER.md). */
    private static final List<String> STUDY = List.of(
            "relu", "rrelu", "softplus", "gelu", "selu", "celu", "silu", "hard-swish", "hard-tanh", "telu", "mish");

    private static final List<String> MORE = List.of("leaky-relu", "elu", "prelu", "tanh", "sigmoid", "softsign");

    @Test
    void discoveryFindsTheStudysActivationsAndTheOthers() {
        PluginRegistry registry = PluginRegistry.discover(Path.of("no-such-plugin-folder"));
        Set<String> found = new TreeSet<>();
        for (PluginInfo info : registry.all(PluginKind.ACTIVATION)) {
            found.add(info.id());
        }
        Set<String> expected = new TreeSet<>(STUDY);
        expected.addAll(MORE);
        assertEquals(expected, found);
        assertEquals(17, expected.size());
    }

    @Test
    void aSpecFromTheCommandLineCreatesABlock() {
        PluginRegistry registry = PluginRegistry.discover(Path.of("no-such-plugin-folder"));
        var plugin = registry.activation("rrelu(lower=1/8,upper=1/3)");
        assertEquals("rrelu(lower=0.125,upper=0.3333333333333333)", plugin.canonical());
        assertTrue(plugin.instance().newBlock() instanceof RreluBlock);
    }
}
