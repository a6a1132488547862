package org.robustgrid.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.testkit.Plugins;

/** Every provider is registered in META-INF/services, and the published specs keep their canonical forms. */
class ServicesTest {

    @Test
    void discoveryFindsEveryArchitecture() {
        // torchscript is the harness's own model provider, on the class path with it
        assertEquals(List.of("preact-resnet18", "resnet18", "small-cnn", "torchscript", "wide-resnet"), Plugins.ids(PluginKind.MODEL));
    }

    @Test
    void thePublishedSpecsKeepTheirCanonicalForms() {
        // these texts are in the model keys of published results: a change would orphan every checkpoint
        assertEquals("resnet18(width=64)", Plugins.canonical(new ResNet18Provider(), "resnet18"));
        assertEquals("small-cnn(width=16)", Plugins.canonical(new SmallCnnProvider(), "small-cnn(width=16)"));
        assertEquals("small-cnn(width=32)", Plugins.canonical(new SmallCnnProvider(), "small-cnn"));
    }
}
