package org.robustgrid.harness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.engine.Engines;

class NormalizeTest {

    @Test
    void normalizesEachChannelWithConstantsMadeOnceAtInitialization() {
        try (NDManager model = Engines.get().newBaseManager()) {
            Normalize n = new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.125f});
            n.initialize(model, DataType.FLOAT32, new Shape(1, 2, 1, 2));
            int modelArrays = model.getManagedArrays().size();
            try (NDManager step = model.newSubManager()) {
                NDArray x = step.create(new float[] {1f, 0f, 0.5f, 0.75f}, new Shape(1, 2, 1, 2));
                int before = step.getManagedArrays().size();
                NDArray y = n.forward(new ParameterStore(model, false), new NDList(x), false).singletonOrThrow();
                assertArrayEquals(new float[] {1f, -1f, 2f, 4f}, y.toFloatArray(), 1e-6f);
                // only x - mean and its quotient: no mean/std arrays made for this pass
                assertEquals(before + 2, step.getManagedArrays().size());
            }
            assertEquals(modelArrays, model.getManagedArrays().size());
        }
    }

    @Test
    void savesWhatTheLambdaBlockItReplacedSavedSoOldCheckpointsLoad() throws Exception {
        try (NDManager m = Engines.get().newBaseManager()) {
            Shape input = new Shape(1, 3, 32, 32);
            LambdaBlock lambda = new LambdaBlock(x -> x, "normalize");
            lambda.initialize(m, DataType.FLOAT32, input);
            ByteArrayOutputStream old = new ByteArrayOutputStream();
            lambda.saveParameters(new DataOutputStream(old));

            Normalize n = new Normalize(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
            n.initialize(m, DataType.FLOAT32, input);
            ByteArrayOutputStream now = new ByteArrayOutputStream();
            n.saveParameters(new DataOutputStream(now));
            assertArrayEquals(old.toByteArray(), now.toByteArray());

            n.loadParameters(m, new DataInputStream(new ByteArrayInputStream(old.toByteArray())));
            byte[] otherVersion = old.toByteArray();
            otherVersion[0] = 9;
            assertThrows(MalformedModelException.class,
                    () -> n.loadParameters(m, new DataInputStream(new ByteArrayInputStream(otherVersion))));
        }
    }

    @Test
    void refusesForwardBeforeInitialize() {
        try (NDManager m = Engines.get().newBaseManager()) {
            Normalize n = new Normalize(new float[] {0f}, new float[] {1f});
            NDList x = new NDList(m.ones(new Shape(1, 1, 2, 2)));
            assertThrows(IllegalStateException.class, () -> n.forward(new ParameterStore(m, false), x, false));
        }
    }
}
