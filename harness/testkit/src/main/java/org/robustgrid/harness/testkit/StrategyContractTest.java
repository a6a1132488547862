package org.robustgrid.harness.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.Seeding;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/**
 * The contract every strategy keeps, for plugin authors to extend with a one-line subclass:
 * {@code class FedAvgContractTest extends StrategyContractTest { FedAvgContractTest() { super(new
 * FedAvgProvider()); } }}. States are a few entries of assorted shapes (a matrix, a vector, a 4-d
 * kernel, a scalar, and positive running variances), one sub-manager per client.
 */
public abstract class StrategyContractTest {

    private static final Shape[] SHAPES = {new Shape(3, 4), new Shape(4), new Shape(2, 1, 3, 3), new Shape(), new Shape(5)};

    private final StrategyProvider provider;

    /** @param provider the provider under test */
    protected StrategyContractTest(StrategyProvider provider) {
        this.provider = provider;
    }

    /** The strategy with default parameters. */
    protected Strategy strategy() {
        return provider.create(Params.defaults(provider));
    }

    /** A model state of {@link #SHAPES} on {@code manager}, values from {@code seed}; the last entry positive. */
    public static List<NDArray> state(NDManager manager, long seed) {
        Random r = new Random(seed);
        List<NDArray> state = new ArrayList<>();
        for (int j = 0; j < SHAPES.length; j++) {
            float[] v = new float[(int) SHAPES[j].size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = j == SHAPES.length - 1 ? 0.5f + r.nextFloat() : (float) r.nextGaussian() * 3;
            }
            state.add(manager.create(v, SHAPES[j]));
        }
        return state;
    }

    private static List<NDArray> copyOn(NDManager manager, List<NDArray> state) {
        List<NDArray> out = new ArrayList<>();
        for (NDArray a : state) {
            out.add(manager.create(a.toFloatArray(), a.getShape()));
        }
        return out;
    }

    /** Fails unless {@code actual} has the entries, shapes and values (to {@code tol}) of {@code expected}. */
    public static void assertState(List<NDArray> expected, List<NDArray> actual, double tol) {
        assertEquals(expected.size(), actual.size(), "number of state entries");
        for (int j = 0; j < expected.size(); j++) {
            assertEquals(expected.get(j).getShape(), actual.get(j).getShape(), "shape of entry " + j);
            assertEquals(expected.get(j).getDataType(), actual.get(j).getDataType(), "type of entry " + j);
            float[] e = expected.get(j).toFloatArray();
            float[] a = actual.get(j).toFloatArray();
            for (int k = 0; k < e.length; k++) {
                assertEquals(e[k], a[k], tol, "entry " + j + " element " + k);
            }
        }
    }

    /** Arrays a manager holds, sub-managers' included: a leak check. */
    public static int managed(NDManager manager) {
        return ((BaseNDManager) manager).getManagedArrays().size();
    }

    /**
     * The local loss's weight gradients are the same when the Java garbage collector runs between the
     * forward and the backward pass. They are not when the loss multiplies or divides by a plain number
     * ({@code term.mul(0.5f)}): DJL then gives autograd a scalar whose memory the collector frees. Use
     * {@link org.robustgrid.harness.spi.Scalars#of} for such constants. The batch is a linear model on
     * 16 features, 10 classes, with the recipe's soft-label cross-entropy over clean, adversarial and
     * noisy copies as {@code recipeLoss}.
     */
    @Test
    void localLossGradientsSurviveAGarbageCollectionBeforeTheBackwardPass() {
        float[] calm = localLossGradient(false);
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(calm, localLossGradient(true),
                    "the local loss's gradient changed when the garbage collector ran between forward and backward (a plain-number mul/div? see Scalars)");
        }
    }

    private float[] localLossGradient(boolean collectGarbage) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(5);
            int n = 8;
            int features = 16;
            int classes = 10;
            NDArray w = m.create(gaussian(r, classes * features, 0.3f), new Shape(classes, features));
            NDArray global = m.create(gaussian(r, classes * features, 0.3f), new Shape(classes, features));
            NDArray clean = m.create(gaussian(r, n * features, 1f), new Shape(n, features));
            NDArray adversarial = clean.add(m.create(gaussian(r, n * features, 0.1f), new Shape(n, features)));
            NDArray noisy = clean.add(m.create(gaussian(r, n * features, 0.05f), new Shape(n, features)));
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % classes;
            }
            NDArray labels = m.create(y);
            NDArray soft = labels.oneHot(classes).mul(0.9f).add(0.01f);
            long[] counts = new long[classes];
            java.util.Arrays.fill(counts, 10);
            ClientContext client = new ClientContext(0, 2, 1, counts, List.of(global));
            w.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector c = m.getEngine().newGradientCollector()) {
                org.robustgrid.harness.spi.LocalBatch batch = new org.robustgrid.harness.spi.LocalBatch() {
                    @Override public NDArray clean() { return clean; }
                    @Override public NDArray adversarial() { return adversarial; }
                    @Override public NDArray noisy() { return noisy; }
                    @Override public NDArray labels() { return labels; }
                    @Override public NDArray softLabels() { return soft; }
                    @Override public NDArray forward(NDArray x) { return x.matMul(w.transpose()); }
                    @Override public NDArray recipeLoss() {
                        NDArray all = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(clean, adversarial, noisy));
                        NDArray targets = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(soft, soft, soft));
                        return org.robustgrid.harness.spi.Losses.softCrossEntropy(forward(all), targets);
                    }
                    @Override public List<NDArray> weights() { return List.of(w); }
                };
                NDArray loss = strategy().localLoss(batch, client);
                if (collectGarbage) {
                    Collect.garbage();
                }
                c.backward(loss);
            }
            return w.getGradient().toFloatArray();
        }
    }

    private static float[] gaussian(Random r, int n, float sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * sd;
        }
        return v;
    }

    @Test
    void idAndDescriptionAreWellFormed() {
        Declarations.assertWellFormed(provider);
    }

    @Test
    void unknownParameterIsRejected() {
        PluginRegistry registry = PluginRegistry.of(List.of(provider));
        SpecException e = assertThrows(SpecException.class,
                () -> registry.create(PluginKind.STRATEGY, provider.id() + "(no-such-key=1)"));
        assertTrue(e.getMessage().contains("no-such-key"), e.getMessage());
        assertNotNull(registry.strategy(provider.id()).instance(), "defaults create a strategy");
    }

    @Test
    void aggregatingIdenticalUpdatesReturnsThemUnchanged() {
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager first = root.newSubManager();
            NDManager second = root.newSubManager();
            NDManager third = root.newSubManager();
            List<NDArray> s = state(first, 17);
            List<NDArray> expected = copyOn(root, s);
            List<ClientUpdate> updates = List.of(
                    new ClientUpdate(s, 1, new long[] {1, 0}),
                    new ClientUpdate(copyOn(second, s), 7, new long[] {0, 7}),
                    new ClientUpdate(copyOn(third, s), 100, new long[] {60, 40}));
            int before = managed(first);
            List<NDArray> out = strategy().aggregate(updates);
            assertEquals(before + out.size(), managed(first), "aggregate left arrays other than its result on the first manager");
            assertState(expected, out, 1e-6);
            assertState(expected, s, 0); // inputs untouched
            for (int j = 0; j < out.size(); j++) {
                assertNotSame(s.get(j), out.get(j), "entry " + j + " is the input array, not a fresh one");
                assertSame(first, out.get(j).getManager(), "entry " + j + " is not on the first update's manager");
            }
            second.close();
            third.close();
            assertState(expected, out, 1e-6); // the result outlives the other clients' arrays
        }
    }

    @Test
    void aggregatingOneUpdateReturnsIt() {
        try (NDManager root = NDManager.newBaseManager()) {
            List<NDArray> s = state(root, 3);
            List<NDArray> out = strategy().aggregate(List.of(new ClientUpdate(s, 50, new long[] {25, 25})));
            assertState(s, out, 1e-6);
        }
    }

    @Test
    void aggregateKeepsShapesAndTypesOfDifferentUpdates() {
        for (int clients : new int[] {2, 4, 5}) {
            try (NDManager root = NDManager.newBaseManager()) {
                List<ClientUpdate> updates = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    updates.add(new ClientUpdate(state(root, i), 10 + i, new long[] {5, 5 + i}));
                }
                List<NDArray> out = strategy().aggregate(updates);
                assertEquals(SHAPES.length, out.size());
                for (int j = 0; j < SHAPES.length; j++) {
                    assertEquals(SHAPES[j], out.get(j).getShape(), "shape of entry " + j + ", " + clients + " clients");
                    assertEquals(DataType.FLOAT32, out.get(j).getDataType(), "type of entry " + j + ", " + clients + " clients");
                    for (float v : out.get(j).toFloatArray()) {
                        assertTrue(Float.isFinite(v), "entry " + j + " has " + v);
                    }
                }
            }
        }
    }

    @Test
    void trainingAttackWhenPresentKeepsTheAttackContract() {
        ClientContext client = new ClientContext(0, 2, 0, new long[] {30, 10, 0}, List.of());
        Optional<Attack> attack = strategy().trainingAttack(client);
        if (attack.isEmpty()) {
            return;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Seeding.seed(5);
            Classifier model = new LinearClassifier(m, 2 * 4 * 4, 3, 9);
            NDArray x = m.randomUniform(0, 1, new Shape(6, 2, 4, 4));
            float[] before = x.toFloatArray();
            NDArray adv = attack.get().perturb(model, x, m.create(new int[] {0, 1, 2, 0, 1, 2}));
            assertEquals(x.getShape(), adv.getShape());
            assertEquals(x.getDataType(), adv.getDataType());
            assertSame(m, adv.getManager(), "adversarial images are not on x's manager");
            assertArrayEquals(before, x.toFloatArray(), "x was modified");
            float[] a = adv.toFloatArray();
            double eps = attack.get().budget().map(Budget::eps).orElse(Double.POSITIVE_INFINITY);
            for (int k = 0; k < a.length; k++) {
                assertTrue(a[k] >= 0 && a[k] <= 1, "pixel " + k + " is " + a[k]);
                assertTrue(Math.abs(a[k] - before[k]) <= eps + 1e-6, "pixel " + k + " moved " + Math.abs(a[k] - before[k]));
            }
        }
    }

    /**
     * A linear classifier {@code logits = flatten(x)·W + b} with weights from a seed, for tests of
     * attacks without a network.
     */
    public static final class LinearClassifier implements Classifier {

        private final NDArray w;
        private final NDArray b;

        /**
         * @param manager owns the weights
         * @param features the flattened input size
         * @param classes the number of classes
         * @param seed seed of the weights, N(0, 1)
         */
        public LinearClassifier(NDManager manager, int features, int classes, long seed) {
            Random r = new Random(seed);
            float[] wv = new float[features * classes];
            float[] bv = new float[classes];
            for (int k = 0; k < wv.length; k++) {
                wv[k] = (float) r.nextGaussian();
            }
            for (int k = 0; k < bv.length; k++) {
                bv[k] = (float) r.nextGaussian();
            }
            this.w = manager.create(wv, new Shape(features, classes));
            this.b = manager.create(bv);
        }

        /**
         * A model with given weights, for tests that reproduce another implementation's numbers.
         *
         * @param w weights (features, classes): logits = flatten(x) · w + b
         * @param b biases (classes)
         */
        public LinearClassifier(NDArray w, NDArray b) {
            this.w = w;
            this.b = b;
        }

        @Override
        public int numClasses() {
            return (int) b.getShape().get(0);
        }

        @Override
        public NDArray logits(NDArray x) {
            return x.reshape(x.getShape().get(0), -1).matMul(w).add(b);
        }

        @Override
        public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
            return Classifier.inputGradient(x, this::logits, objective);
        }
    }
}
