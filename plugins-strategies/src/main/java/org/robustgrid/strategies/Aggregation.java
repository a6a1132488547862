package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.robustgrid.harness.spi.ClientUpdate;

/**
 * Aggregation rules over client states. Each state entry (weights and BatchNorm running statistics
 * alike) is stacked along a new axis 0, one row per client, and reduced over that axis. Integer
 * entries are reduced in float64 and rounded back. Intermediates live in a sub-manager that closes
 * before returning; results are fresh arrays on the manager of the first update's first array.
 */
final class Aggregation {

    private Aggregation() {}

    /**
     * Applies {@code overClients}, a map from the stacked entry (clients, ...) to the reduced one
     * (...), to every state entry.
     */
    static List<NDArray> reduce(List<ClientUpdate> updates, UnaryOperator<NDArray> overClients) {
        check(updates);
        NDManager target = updates.get(0).state().get(0).getManager();
        int entries = updates.get(0).state().size();
        List<NDArray> out = new ArrayList<>(entries);
        try (NDManager scope = target.newSubManager()) {
            for (int j = 0; j < entries; j++) {
                NDList column = new NDList(updates.size());
                for (ClientUpdate u : updates) {
                    column.add(u.state().get(j));
                }
                DataType type = column.get(0).getDataType();
                NDArray stacked = NDArrays.stack(column);
                stacked.attach(scope);
                boolean integral = !type.isFloating();
                if (integral) {
                    stacked = stacked.toType(DataType.FLOAT64, false);
                }
                NDArray reduced = overClients.apply(stacked);
                if (integral) {
                    reduced = reduced.round();
                }
                NDArray result = reduced.toType(type, true);
                result.attach(target);
                out.add(result);
            }
        }
        return out;
    }

    /** x̄ = Σ_i w_i x_i / Σ_i w_i, computed as x_0 + Σ_i (w_i/Σw)(x_i − x_0) so that equal states come back exactly. */
    static List<NDArray> weightedMean(List<ClientUpdate> updates, double[] weights) {
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("aggregation weight " + w + "; expected a finite number >= 0");
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("aggregation weights are all 0; expected at least one client with examples");
        }
        double[] normalized = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            normalized[i] = weights[i] / total;
        }
        return reduce(updates, stacked -> {
            NDArray first = stacked.get(0);
            NDArray w = stacked.getManager().create(normalized).toType(stacked.getDataType(), false).reshape(column(stacked));
            return stacked.sub(first).mul(w).sum(new int[] {0}).add(first);
        });
    }

    /** Equal weights. */
    static List<NDArray> mean(List<ClientUpdate> updates) {
        double[] ones = new double[updates.size()];
        Arrays.fill(ones, 1);
        return weightedMean(updates, ones);
    }

    /** Weights proportional to each client's examples (FedAvg's n_i / n). */
    static List<NDArray> byExamples(List<ClientUpdate> updates) {
        return weightedMean(updates, updates.stream().mapToDouble(ClientUpdate::examples).toArray());
    }

    /** Coordinate-wise median; for an even number of clients the mean of the two middle values. */
    static List<NDArray> median(List<ClientUpdate> updates) {
        int n = updates.size();
        return reduce(updates, stacked -> {
            NDArray sorted = stacked.sort(0);
            return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).div(2);
        });
    }

    /** Coordinate-wise mean of the values left after dropping the {@code trim} smallest and {@code trim} largest. */
    static List<NDArray> trimmedMean(List<ClientUpdate> updates, int trim) {
        int n = updates.size();
        if (2 * trim >= n) {
            throw new IllegalArgumentException("trimming " + trim + " from each end of " + n + " clients leaves none");
        }
        return reduce(updates, stacked -> stacked.sort(0).get(new NDIndex("{}:{}", trim, n - trim)).mean(new int[] {0}));
    }

    /** The shape (clients, 1, ..., 1) that broadcasts one weight per client over a stacked entry. */
    private static Shape column(NDArray stacked) {
        long[] dims = new long[stacked.getShape().dimension()];
        Arrays.fill(dims, 1);
        dims[0] = stacked.getShape().get(0);
        return new Shape(dims);
    }

    private static void check(List<ClientUpdate> updates) {
        if (updates == null || updates.isEmpty()) {
            throw new IllegalArgumentException("no client updates to aggregate; expected at least one");
        }
        List<NDArray> first = updates.get(0).state();
        if (first.isEmpty()) {
            throw new IllegalArgumentException("client 0's state is empty; expected every model parameter");
        }
        for (int i = 1; i < updates.size(); i++) {
            List<NDArray> state = updates.get(i).state();
            if (state.size() != first.size()) {
                throw new IllegalArgumentException("client " + i + " sent " + state.size() + " state entries; client 0 sent " + first.size());
            }
            for (int j = 0; j < state.size(); j++) {
                if (!state.get(j).getShape().equals(first.get(j).getShape())) {
                    throw new IllegalArgumentException("state entry " + j + " of client " + i + " has shape " + state.get(j).getShape()
                            + "; client 0's has " + first.get(j).getShape());
                }
            }
        }
    }
}
