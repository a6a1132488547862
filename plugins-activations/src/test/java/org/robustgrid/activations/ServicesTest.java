package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.testkit.Plugins;

/** Every provider is registered in META-INF/services and found by the harness's discovery. */
class ServicesTest {

    /** ReLU and the ten other activations of the study (PAPER.md). */
    private static final List<String> STUDY = List.of(
            "relu", "rrelu", "softplus", "gelu", "selu", "celu", "silu", "hard-swish", "hard-tanh", "telu", "mish");

    private static final List<String> MORE = List.of("leaky-relu", "elu", "prelu", "tanh", "sigmoid", "softsign");

    @Test
    void discoveryFindsTheStudysActivationsAndTheOthers() {
        Set<String> found = new TreeSet<>(Plugins.ids(PluginKind.ACTIVATION));
        Set<String> expected = new TreeSet<>(STUDY);
        expected.addAll(MORE);
        assertEquals(expected, found);
        assertEquals(17, expected.size());
    }

    @Test
    void aSpecFromTheCommandLineCreatesABlock() {
        assertEquals("rrelu(lower=0.125,upper=0.3333333333333333)", Plugins.canonical(new RreluProvider(), "rrelu(lower=1/8,upper=1/3)"));
        assertTrue(Plugins.activation("rrelu(lower=1/8,upper=1/3)").newBlock() instanceof RreluBlock);
    }
}
