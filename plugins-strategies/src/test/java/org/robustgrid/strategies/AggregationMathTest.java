package org.robustgrid.strategies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;
import org.robustgrid.harness.testkit.Plugins;

/** Each aggregation rule against values worked out by hand. */
class AggregationMathTest {

    private static final long[] COUNTS = {1, 1};

    private static Strategy create(StrategyProvider provider, Map<String, String> values) {
        return provider.create(Params.resolve(provider.id(), provider.parameters(), values));
    }

    /** One update whose state is a vector and a scalar. */
    private static ClientUpdate update(NDManager m, long examples, float[] vector, float scalar) {
        return new ClientUpdate(List.of(m.create(vector), m.create(scalar)), examples, COUNTS);
    }

    @Test
    void fedAvgIsTheExampleWeightedMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> out = create(new FedAvgProvider(), Map.of()).aggregate(List.of(
                    update(m, 1, new float[] {1, 2, 3}, 0),
                    update(m, 3, new float[] {5, 6, 7}, 8)));
            // (1·a + 3·b) / 4
            assertArrayEquals(new float[] {4, 5, 6}, out.get(0).toFloatArray(), 1e-6f);
            assertEquals(new Shape(), out.get(1).getShape());
            assertEquals(6f, out.get(1).getFloat(), 1e-6f);
        }
    }

    @Test
    void calFatAndCentralizedWeighAsDocumented() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<ClientUpdate> updates = List.of(update(m, 1, new float[] {0}, 0), update(m, 3, new float[] {4}, 4));
            // CalFAT: equal weights, (0 + 4) / 2; centralized pools by examples like FedAvg, (0 + 3·4) / 4
            assertEquals(2f, create(new CalFatProvider(), Map.of()).aggregate(updates).get(0).getFloat(0), 1e-6f);
            assertEquals(3f, create(new CentralizedProvider(), Map.of()).aggregate(updates).get(0).getFloat(0), 1e-6f);
        }
    }

    @Test
    void fedMedianOfThreeIsTheMiddleValuePerCoordinate() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> out = create(new FedMedianProvider(), Map.of()).aggregate(List.of(
                    update(m, 1, new float[] {1, 9, 5}, -1),
                    update(m, 100, new float[] {3, 2, 7}, 10),
                    update(m, 1, new float[] {2, 4, 6}, 0)));
            assertArrayEquals(new float[] {2, 4, 6}, out.get(0).toFloatArray());
            assertEquals(0f, out.get(1).getFloat());
        }
    }

    @Test
    void fedMedianOfFourIsTheMeanOfTheMiddleTwo() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> out = create(new FedMedianProvider(), Map.of()).aggregate(List.of(
                    update(m, 1, new float[] {10}, 1), update(m, 1, new float[] {1}, 2),
                    update(m, 1, new float[] {3}, 4), update(m, 1, new float[] {2}, 8)));
            assertEquals(2.5f, out.get(0).getFloat(0));
            assertEquals(3f, out.get(1).getFloat());
        }
    }

    @Test
    void trimmedMeanOfTenWithBetaTenthDropsTheMinAndMax() {
        // coordinate 0: 0..8 and an outlier 100; coordinate 1: an outlier −50, 1..8 and 9
        float[][] values = new float[10][];
        for (int i = 0; i < 10; i++) {
            values[i] = new float[] {i == 9 ? 100 : i, i == 0 ? -50 : i};
        }
        try (NDManager m = NDManager.newBaseManager()) {
            List<ClientUpdate> updates = new ArrayList<>();
            for (int i = 9; i >= 0; i--) { // order must not matter
                updates.add(update(m, i + 1, values[i], i));
            }
            List<NDArray> out = create(new TrimmedMeanProvider(), Map.of()).aggregate(updates);
            // without 0 and 100: mean(1..8) = 4.5; without −50 and 9: mean(1..8) = 4.5; scalars 0..9 without 0 and 9: 4.5
            assertArrayEquals(new float[] {4.5f, 4.5f}, out.get(0).toFloatArray(), 1e-6f);
            assertEquals(4.5f, out.get(1).getFloat(), 1e-6f);
            // beta 0.2 drops two at each end: mean(2..7) = 4.5 for coordinate 0, mean(2..7) for coordinate 1
            List<NDArray> two = create(new TrimmedMeanProvider(), Map.of("beta", "0.2")).aggregate(updates);
            assertArrayEquals(new float[] {4.5f, 4.5f}, two.get(0).toFloatArray(), 1e-6f);
            // beta 0 is the plain mean: (0+..+8+100)/10 = 13.6
            List<NDArray> none = create(new TrimmedMeanProvider(), Map.of("beta", "0")).aggregate(updates);
            assertEquals(13.6f, none.get(0).getFloat(0), 1e-5f);
        }
    }

    @Test
    void trimmedMeanRejectsBetaHalf() {
        SpecException e = assertThrows(SpecException.class, () -> Plugins.create(new TrimmedMeanProvider(), "trimmed-mean(beta=0.5)"));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(3, TrimmedMean.trimmed(0.1, 30));
        assertEquals(0, TrimmedMean.trimmed(0.1, 9));
    }

    @Test
    void integerEntriesAreAveragedAndRoundedInTheirType() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<ClientUpdate> updates = List.of(
                    new ClientUpdate(List.of(m.create(new int[] {1, 2})), 1, COUNTS),
                    new ClientUpdate(List.of(m.create(new int[] {4, 5})), 2, COUNTS));
            NDArray out = create(new FedAvgProvider(), Map.of()).aggregate(updates).get(0);
            assertEquals(DataType.INT32, out.getDataType());
            // (1 + 2·4)/3 = 3, (2 + 2·5)/3 = 4
            assertArrayEquals(new int[] {3, 4}, out.toIntArray());
        }
    }

    @Test
    void mismatchedStatesAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<ClientUpdate> updates = List.of(
                    new ClientUpdate(List.of(m.create(new float[] {1, 2})), 1, COUNTS),
                    new ClientUpdate(List.of(m.create(new float[] {1, 2, 3})), 1, COUNTS));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> create(new FedAvgProvider(), Map.of()).aggregate(updates));
            assertTrue(e.getMessage().contains("entry 0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> create(new FedAvgProvider(), Map.of()).aggregate(List.of()));
        }
    }

    @Test
    void onlyCentralizedIsNotFederated() {
        assertFalse(create(new CentralizedProvider(), Map.of()).federated());
        for (StrategyProvider p : List.of(new FedAvgProvider(), new FedProxProvider(), new FedMedianProvider(),
                new TrimmedMeanProvider(), new CalFatProvider())) {
            assertTrue(create(p, Map.of()).federated(), p.id());
        }
    }
}
