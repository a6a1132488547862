package org.robustgrid.harness.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robustgrid.harness.evaluate.AttackContract;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Seeding;
import org.robustgrid.harness.spi.SpecException;

/**
 * The contract every attack plugin must meet (see {@link Attack}). A plugin's test is a one-line
 * subclass: {@code class PgdContractTest extends AttackContractTest { PgdContractTest() { super(new
 * PgdProvider()); } }}, optionally with parameter values that keep the run short.
 *
 * <p>The attack runs on a random {@code small-cnn(width=4)} with ReLU over 1×8×8 images whose labels
 * are the network's own predictions, so that every image starts correctly classified. The weights
 * carry non-zero gradients from a training backward, which the attack must leave as they are.
 *
 * <p>A bounded attack (non-empty {@link Attack#budget()}) must stay inside its budget, and with
 * {@code eps=0} change nothing. A minimum-norm attack with an {@code eps} parameter must be reported at
 * that budget ({@link Attack#evaluationBudget()}) and must not project into it: its perturbation is the
 * same for every {@code eps}.
 *
 * <p>The determinism test needs exact input gradients through convolutions. On an AMD EPYC machine
 * oneDNN's AVX2 and AVX-512 convolution backward-data kernels returned wrong, run-to-run different and
 * sometimes NaN input gradients; every test JVM runs at the level NativeEnvironment's check found
 * correct on its machine (NativeEnvironmentSession decides it before the first test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AttackContractTest {

    /** Classes of the test network. */
    protected static final int CLASSES = 10;
    /** Images per batch. */
    protected static final int BATCH = 6;
    /** Image side. */
    protected static final int SIZE = 8;
    /** Slack on the budget: float32 rounding of x0 ± ε. */
    protected static final double BUDGET_TOLERANCE = 1e-6;
    /** Parameters whose value is the attack's iteration count, in the order they are looked for. */
    private static final List<String> ITERATION_KEYS = List.of("steps", "queries");

    private final AttackProvider provider;
    private final Map<String, String> params;
    private NDManager manager;
    private AttackTestModels.Network network;
    private float[] images;
    private int[] labels;

    /** Tests {@code provider} with its default parameters. */
    protected AttackContractTest(AttackProvider provider) {
        this(provider, Map.of());
    }

    /**
     * Tests {@code provider} with some parameters set, e.g. fewer steps to keep the run short.
     *
     * @param provider the provider under test
     * @param params values as written in a spec, key to text
     */
    protected AttackContractTest(AttackProvider provider, Map<String, String> params) {
        this.provider = provider;
        this.params = Map.copyOf(params);
    }

    @BeforeAll
    void createNetwork() {
        manager = NDManager.newBaseManager();
        network = AttackTestModels.randomCnn(manager, 1, SIZE, CLASSES, 11);
        try (NDManager m = NDManager.newBaseManager()) {
            Seeding.seed(12);
            NDArray x = m.randomUniform(0f, 1f, new Shape(BATCH, 1, SIZE, SIZE));
            images = x.toFloatArray();
            labels = AttackTestModels.predictions(network.classifier(), x).toIntArray();
        }
    }

    @AfterAll
    void closeNetwork() {
        manager.close();
    }

    /** The attack with the test's parameters and {@code overrides} on top. */
    protected Attack attack(Map<String, String> overrides) {
        Map<String, String> raw = new HashMap<>(params);
        raw.putAll(overrides);
        return provider.create(Params.resolve(provider.id(), provider.parameters(), raw));
    }

    /** The test batch as new arrays of {@code m}: images (N,1,8,8) and int32 labels (N). */
    protected NDArray[] batch(NDManager m) {
        return new NDArray[] {m.create(images, new Shape(BATCH, 1, SIZE, SIZE)), m.create(labels)};
    }

    /** The model as the attacks see it. */
    protected Classifier model() {
        return network.classifier();
    }

    @Test
    void describesItselfAndItsParameters() {
        Declarations.assertWellFormed(provider);
        Params defaults = Params.defaults(provider);
        Attack attack = provider.create(defaults);
        assertNotNull(attack);
        if (provider.parameters().stream().anyMatch(p -> p.name().equals("eps"))) {
            Optional<Budget> budget = attack.evaluationBudget();
            assertTrue(budget.isPresent(), "an attack with eps is reported at a budget");
            assertEquals(defaults.real("eps"), budget.get().eps(), 0.0, "budget eps is the eps parameter");
        }
        attack.budget().ifPresent(b -> assertEquals(Optional.of(b), attack.evaluationBudget(),
                "a bounded attack is reported at the budget it projects into"));
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() {
        SpecException e = assertThrows(SpecException.class, () -> Plugins.create(provider, provider.id() + "(no-such-key=1)"));
        assertTrue(e.getMessage().contains("no-such-key"), e.getMessage());
    }

    @Test
    void staysInTheBoxAndInsideTheBudget() {
        Attack attack = attack(Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(1);
            NDArray adv = attack.perturb(model(), b[0], b[1]);
            assertEquals(b[0].getShape(), adv.getShape());
            assertEquals(DataType.FLOAT32, adv.getDataType());
            float[] a = adv.toFloatArray();
            for (float v : a) {
                assertTrue(v >= 0f && v <= 1f, "pixel " + v + " outside [0,1]");
            }
            attack.budget().ifPresent(budget -> assertInsideBudget(budget, images, a, BATCH));
            // the check the harness runs on every batch it gets back
            Optional<AttackContract.Violation> violation = AttackContract.check(b[0], adv, attack.budget());
            assertTrue(violation.isEmpty(), () -> violation.orElseThrow().detail());
        }
    }

    @Test
    void leavesTheModelAndItsInputsUntouched() {
        Attack attack = attack(Map.of());
        List<Parameter> weights = network.weights();
        List<float[]> values = weights.stream().map(p -> p.getArray().toFloatArray()).toList();
        List<float[]> grads = weights.stream().map(p -> p.getArray().getGradient().toFloatArray()).toList();
        assertTrue(grads.stream().anyMatch(g -> java.util.Arrays.stream(toDouble(g)).anyMatch(v -> v != 0)),
                "the fixture must give the weights non-zero gradients");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(2);
            attack.perturb(model(), b[0], b[1]);
            assertArrayEquals(images, b[0].toFloatArray(), "x was modified");
            assertArrayEquals(labels, b[1].toIntArray(), "y was modified");
        }
        for (int i = 0; i < weights.size(); i++) {
            assertArrayEquals(values.get(i), weights.get(i).getArray().toFloatArray(), "weight " + weights.get(i).getName());
            assertArrayEquals(grads.get(i), weights.get(i).getArray().getGradient().toFloatArray(),
                    "gradient of " + weights.get(i).getName());
        }
    }

    @Test
    void isDeterministicForAnEngineSeed() {
        Attack attack = attack(Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(3);
            float[] first = attack.perturb(model(), b[0], b[1]).toFloatArray();
            Seeding.seed(3);
            float[] second = attack.perturb(model(), b[0], b[1]).toFloatArray();
            assertArrayEquals(first, second);
        }
    }

    /**
     * The attack's result is the same when the Java garbage collector runs between each objective and
     * its backward pass. It is not when the objective multiplies, divides or clamps by a plain number
     * ({@code margin.maximum(0f)}): DJL then gives autograd a scalar whose memory the collector frees. Use
     * {@link org.robustgrid.harness.spi.Scalars#of} for such constants.
     */
    @Test
    void survivesAGarbageCollectionBetweenEachObjectiveAndItsBackwardPass() {
        Attack attack = attack(Map.of());
        assumeTrue(attack.usesGradients(), "a score-based attack");
        Classifier collecting = new ModelView() {
            @Override
            public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
                return model().gradient(x, (xt, z) -> {
                    NDArray value = objective.apply(xt, z);
                    Collect.garbage();
                    return value;
                });
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(9);
            float[] calm = attack.perturb(model(), b[0], b[1]).toFloatArray();
            Seeding.seed(9);
            float[] collected = attack.perturb(collecting, b[0], b[1]).toFloatArray();
            assertArrayEquals(calm, collected,
                    "the attack's result changed when the garbage collector ran inside its gradients (a plain-number mul/div/maximum? see Scalars)");
        }
    }

    @Test
    void zeroEpsLeavesEveryImageUnchanged() {
        assumeTrue(provider.parameters().stream().anyMatch(p -> p.name().equals("eps")), "no eps parameter");
        assumeTrue(attack(Map.of()).budget().isPresent(), "a minimum-norm attack: eps is where it is reported, not a bound");
        Attack attack = attack(Map.of("eps", "0"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(4);
            NDArray adv = attack.perturb(model(), b[0], b[1]);
            assertArrayEquals(images, adv.toFloatArray());
            assertEquals(AttackTestModels.accuracy(model(), b[0], b[1]), AttackTestModels.accuracy(model(), adv, b[1]));
        }
    }

    @Test
    void aMinimumNormAttackIsNotBoundedByItsEvaluationBudget() {
        Attack attack = attack(Map.of());
        assumeTrue(attack.budget().isEmpty(), "a bounded attack");
        assumeTrue(provider.parameters().stream().anyMatch(p -> p.name().equals("eps")), "no eps parameter");
        Attack atZero = attack(Map.of("eps", "0"));
        assertEquals(0.0, atZero.evaluationBudget().orElseThrow().eps(), 0.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(8);
            float[] reported = attack.perturb(model(), b[0], b[1]).toFloatArray();
            Seeding.seed(8);
            float[] zero = atZero.perturb(model(), b[0], b[1]).toFloatArray();
            assertArrayEquals(reported, zero, "eps changed the perturbation; it must only say where results are reported");
            assertFalse(java.util.Arrays.equals(images, zero), "with eps=0 the attack left every image as it was: it projects");
        }
    }

    @Test
    void leavesOnlyItsResultInTheCallersManager() {
        Attack attack = attack(Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            int before = m.getManagedArrays().size();
            Seeding.seed(5);
            NDArray adv = attack.perturb(model(), b[0], b[1]);
            assertSame(m, adv.getManager(), "the result belongs to x's manager");
            assertEquals(before + 1, m.getManagedArrays().size(), "arrays left in x's manager besides the result");
        }
    }

    @Test
    void liveArraysDoNotGrowWithIterations() {
        String key = ITERATION_KEYS.stream()
                .filter(k -> provider.parameters().stream().anyMatch(p -> p.name().equals(k)))
                .findFirst().orElse(null);
        assumeTrue(key != null, "no iteration parameter");
        // Few enough iterations that early-stopping attacks still run them all at the small count.
        int few = peakLiveArrays(attack(Map.of(key, "2")));
        int many = peakLiveArrays(attack(Map.of(key, "8")));
        assertTrue(many <= few, "peak live arrays grew from " + few + " (" + key + "=2) to " + many + " (" + key + "=8)");
    }

    @Test
    void aScoreBasedAttackNeverAsksForGradients() {
        Attack attack = attack(Map.of());
        assumeTrue(!attack.usesGradients(), "a gradient attack");
        Classifier logitsOnly = new ModelView() {
            @Override
            public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
                throw new AssertionError("a score-based attack asked for a gradient");
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            Seeding.seed(6);
            attack.perturb(logitsOnly, b[0], b[1]);
        }
    }

    /** {@link #model()} as it is; the checks above override the calls they watch or change. */
    private class ModelView implements Classifier {
        @Override
        public int numClasses() {
            return model().numClasses();
        }

        @Override
        public NDArray logits(NDArray x) {
            return model().logits(x);
        }

        @Override
        public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
            return model().gradient(x, objective);
        }
    }

    /** The most arrays alive under the caller's manager at any call of the model. */
    private int peakLiveArrays(Attack attack) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] b = batch(m);
            int[] peak = {0};
            Classifier counting = new ModelView() {
                @Override
                public NDArray logits(NDArray x) {
                    peak[0] = Math.max(peak[0], m.getManagedArrays().size());
                    return model().logits(x);
                }

                @Override
                public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
                    peak[0] = Math.max(peak[0], m.getManagedArrays().size());
                    return model().gradient(x, objective);
                }
            };
            Seeding.seed(7);
            attack.perturb(counting, b[0], b[1]);
            return peak[0];
        }
    }

    /**
     * Asserts {@code ‖adv − x‖ ≤ ε} per image, to {@link #BUDGET_TOLERANCE}.
     *
     * @param budget the budget
     * @param x clean images, flattened
     * @param adv adversarial images, flattened like {@code x}
     * @param count the number of images
     */
    public static void assertInsideBudget(Budget budget, float[] x, float[] adv, int count) {
        int pixels = x.length / count;
        for (int n = 0; n < count; n++) {
            double linf = 0;
            double l2 = 0;
            for (int i = n * pixels; i < (n + 1) * pixels; i++) {
                double d = (double) adv[i] - x[i];
                linf = Math.max(linf, Math.abs(d));
                l2 += d * d;
            }
            double norm = budget.norm() == Budget.Norm.LINF ? linf : Math.sqrt(l2);
            assertTrue(norm <= budget.eps() + BUDGET_TOLERANCE,
                    "image " + n + ": " + budget.norm() + " norm " + norm + " > eps " + budget.eps());
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
