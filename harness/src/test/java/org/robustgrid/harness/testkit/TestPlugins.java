package org.robustgrid.harness.testkit;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import org.robustgrid.harness.spi.Activation;

/** Minimal plugins for tests of the harness itself, which cannot depend on the plugin modules. */
public final class TestPlugins {

    private TestPlugins() {}

    /** ReLU as an activation. */
    public static Activation relu() {
        return () -> new LambdaBlock(list -> new NDList(list.singletonOrThrow().maximum(0f)), "relu");
    }
}
