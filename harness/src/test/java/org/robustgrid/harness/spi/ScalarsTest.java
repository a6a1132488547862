package org.robustgrid.harness.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.engine.Engines;

class ScalarsTest {

    @Test
    void aScalarArrayKeepsItsValueForTheBackwardPassThroughGarbageCollections() {
        for (int run = 0; run < 20; run++) {
            try (NDManager m = Engines.get().newBaseManager()) {
                NDArray x = m.create(new float[] {-1f, 0.5f, 3f});
                x.setRequiresGradient(true);
                try (GradientCollector c = Engines.get().newGradientCollector()) {
                    NDArray two = Scalars.of(x, 2);
                    assertEquals(0, two.getShape().dimension());
                    NDArray y = x.mul(two).div(Scalars.of(x, 4)); // x/2
                    two.close(); // the caller may close it: the tensor owns its memory
                    System.gc();
                    for (int k = 0; k < 64; k++) {
                        java.nio.ByteBuffer.allocateDirect(4).putFloat(0, 1f);
                    }
                    c.backward(y.sum());
                }
                assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, x.getGradient().toFloatArray(), "run " + run);
            }
        }
    }
}
