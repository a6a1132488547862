package org.robustgrid.strategies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.robustgrid.harness.testkit.StrategyContractTest.managed;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;

class FedProxTest {

    private static Strategy fedProx(String mu) {
        FedProxProvider p = new FedProxProvider();
        return p.create(Params.resolve(p.id(), p.parameters(), mu == null ? Map.of() : Map.of("mu", mu)));
    }

    @Test
    void localLossAddsHalfMuTimesSquaredDistanceAndItsGradient() {
        try (NDManager model = NDManager.newBaseManager(); NDManager step = NDManager.newBaseManager()) {
            NDArray w1 = model.create(new float[] {1, 2});
            NDArray w2 = model.create(new float[] {3}, new Shape(1, 1));
            w1.setRequiresGradient(true);
            w2.setRequiresGradient(true);
            List<NDArray> global = List.of(step.create(new float[] {0, 4}), step.create(new float[] {1}, new Shape(1, 1)));
            NDArray x = step.zeros(new Shape(1, 2));
            ClientContext client = new ClientContext(0, 2, 0, new long[] {1, 1}, global);
            int modelArrays = managed(model);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                FakeBatch batch = new FakeBatch(x, null, step.create(new int[] {0}), step.create(0.25f), List.of(w1, w2));
                NDArray loss = fedProx("0.5").localLoss(batch, client);
                // ||w − g||² = (1−0)² + (2−4)² + (3−1)² = 9; 0.25 + 0.5/2 · 9 = 2.5
                assertEquals(DataType.FLOAT32, loss.getDataType(), "a double μ must not promote the loss");
                assertEquals(2.5f, loss.getFloat(), 1e-6f);
                assertEquals(modelArrays, managed(model), "the proximal term left arrays on the model's manager");
                gc.backward(loss);
            }
            // ∂/∂w μ/2·||w − g||² = μ (w − g)
            assertArrayEquals(new float[] {0.5f, -1f}, w1.getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1f}, w2.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void defaultMuIsOneHundredth() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> w = List.of(m.create(new float[] {3, 4}));
            ClientContext client = new ClientContext(0, 2, 0, new long[] {1}, List.of(m.zeros(new Shape(2))));
            FakeBatch batch = new FakeBatch(m.zeros(new Shape(1, 1)), null, m.create(new int[] {0}), m.create(1f), w);
            // 1 + 0.01/2 · 25
            assertEquals(1.125f, fedProx(null).localLoss(batch, client).getFloat(), 1e-6f);
        }
    }
}
