package org.robustgrid.harness.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.bench.StepBenchmark;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.ModelProvider;

/**
 * The contract every model (architecture) plugin must meet; a plugin's test is a short subclass that
 * names the spec to check and the parameter count it must have:
 * {@code class SmallCnnContractTest extends ModelContractTest { SmallCnnContractTest() { super(new SmallCnnProvider(), "small-cnn(width=8)", 3, 16, 58_354); } }}.
 *
 * <p>The network is built as the harness builds it ({@link Network}: the input normalization in front,
 * He-normal weights from the engine's seed) on random images of the given channels and size, 10 classes.
 * Checks: the declarations ({@link Declarations}); an unknown key is refused naming it; logits are
 * (N, classes) in inference and training mode; the trainable parameters are as many as the subclass
 * says; the activation is used (every block it made runs in the forward pass, and a network with another
 * activation computes another function); inference is deterministic; the input gradient is finite, not
 * all zero, and the same when the garbage collector runs between the forward and the backward pass;
 * the harness's folded inference (BatchNorms made through {@code Layers}) gives the same logits.
 */
public abstract class ModelContractTest {

    private static final int CLASSES = 10;
    private static final int BATCH = 2;

    private final ModelProvider provider;
    private final String spec;
    private final int channels;
    private final int size;
    private final long parameters;

    /**
     * @param provider the plugin under test
     * @param spec the spec the checks build (a small width keeps them fast)
     * @param channels input channels of the test images
     * @param size height and width of the test images
     * @param parameters the trainable parameters {@code spec} has on such images with 10 classes
     */
    protected ModelContractTest(ModelProvider provider, String spec, int channels, int size, long parameters) {
        this.provider = provider;
        this.spec = spec;
        this.channels = channels;
        this.size = size;
        this.parameters = parameters;
    }

    @Test
    void declaresAWellFormedIdDescriptionAndParameters() {
        Declarations.assertWellFormed(provider);
    }

    @Test
    void unknownKeyIsRejectedNamingIt() {
        Declarations.assertUnknownKeyRefused(provider);
    }

    @Test
    void buildGivesANewBlockEachTime() {
        Architecture a = model().instance();
        assertNotNull(a, "create returned null");
        assertNotSame(a.build(relu(), new Shape(channels, size, size), CLASSES, new NoLayers()),
                a.build(relu(), new Shape(channels, size, size), CLASSES, new NoLayers()), "build returned the same block twice");
    }

    @Test
    void logitsAreBatchByClassesInBothModes() {
        try (Network net = network(relu())) {
            NDArray x = images(net.manager());
            assertEquals(new Shape(BATCH, CLASSES), net.classifier().logits(x).getShape(), "inference logits");
            assertEquals(new Shape(BATCH, CLASSES), net.forwardTraining(x).getShape(), "training logits");
        }
    }

    @Test
    void hasTheParameterCountItSays() {
        try (Network net = network(relu())) {
            assertEquals(parameters, net.trainableCount(), () -> "trainable parameters of " + spec + " on " + channels + "x" + size + "x" + size);
        }
    }

    @Test
    void usesTheActivationEverywhereItMadeOne() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        Activation counting = () -> {
            made.incrementAndGet();
            return new LambdaBlock(list -> {
                ran.incrementAndGet();
                return new NDList(ai.djl.nn.Activation.relu(list.singletonOrThrow()));
            }, "counted-relu");
        };
        float[] withRelu;
        try (Network net = network(counting)) {
            ran.set(0);
            withRelu = net.classifier().logits(images(net.manager())).toFloatArray();
            assertTrue(made.get() > 0, "the architecture never called the activation's newBlock()");
            assertEquals(made.get(), ran.get(), "blocks the activation made vs. blocks that ran in one forward pass");
        }
        Activation negated = () -> new LambdaBlock(list -> new NDList(list.singletonOrThrow().neg()), "neg");
        try (Network net = network(negated)) {
            float[] other = net.classifier().logits(images(net.manager())).toFloatArray();
            assertTrue(maxDifference(withRelu, other) > 1e-6, "a network with another activation computes the same logits");
        }
    }

    @Test
    void inferenceIsDeterministic() {
        try (Network net = network(relu())) {
            NDArray x = images(net.manager());
            assertArrayEquals(net.classifier().logits(x).toFloatArray(), net.classifier().logits(x).toFloatArray(),
                    "two inference passes of one batch differ");
        }
    }

    /** See {@link org.robustgrid.harness.spi.Scalars}: a plain-number constant in the forward pass loses its memory to the GC. */
    @Test
    void inputGradientsSurviveAGarbageCollectionBeforeTheBackwardPass() {
        try (Network net = network(relu())) {
            NDArray x = images(net.manager());
            float[] calm = inputGradient(net, x, false);
            assertTrue(maxDifference(calm, new float[calm.length]) > 0, "the input gradient is zero everywhere");
            for (float g : calm) {
                assertTrue(Float.isFinite(g), "the input gradient is not finite");
            }
            for (int round = 0; round < 2; round++) {
                assertArrayEquals(calm, inputGradient(net, x, true),
                        "the input gradient changed when the garbage collector ran between forward and backward (a plain-number mul/div? see Scalars)");
            }
        }
    }

    @Test
    void foldedInferenceComputesTheSameLogits() {
        try (Network net = network(relu())) {
            // BatchNorm statistics that are not the initial ones, so that folding has something to fold
            for (int i = 0; i < 3; i++) {
                net.forwardTraining(images(net.manager()));
            }
            NDArray x = images(net.manager());
            float[] plain = net.classifier().logits(x).toFloatArray();
            float[] folded = net.inference(net.manager()).logits(x).toFloatArray();
            double scale = Math.max(1e-3, maxDifference(plain, new float[plain.length]));
            assertTrue(maxDifference(plain, folded) <= 1e-4 * scale, () -> "folded inference differs by " + maxDifference(plain, folded));
        }
    }

    private Plugin<Architecture> model() {
        return PluginRegistry.of(List.of(provider)).model(spec);
    }

    private Network network(Activation activation) {
        Engines.seed(7);
        Dataset shape = StepBenchmark.randomData(BATCH, channels, size, CLASSES, 0);
        return Network.create(model(), activation, shape, Device.cpu(), BATCH);
    }

    private NDArray images(NDManager m) {
        return m.randomUniform(0f, 1f, new Shape(BATCH, channels, size, size));
    }

    private static float[] inputGradient(Network net, NDArray x, boolean collectGarbage) {
        try (NDManager scope = net.manager().newSubManager()) {
            NDArray xt = x.duplicate();
            xt.attach(scope);
            xt.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.block().forward(net.store(), new NDList(xt), false).singletonOrThrow();
                if (collectGarbage) {
                    Collect.garbage();
                }
                collector.backward(Losses.crossEntropy(logits, scope.arange(BATCH).toType(ai.djl.ndarray.types.DataType.INT32, false)));
            }
            return xt.getGradient().toFloatArray();
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs((double) a[i] - b[i]));
        }
        return d;
    }

    private static Activation relu() {
        return () -> new LambdaBlock(list -> new NDList(ai.djl.nn.Activation.relu(list.singletonOrThrow())), "relu");
    }

    /** Layers made without the harness: plain DJL blocks, for the check that build makes new blocks. */
    private static final class NoLayers implements org.robustgrid.harness.spi.Layers {
        @Override
        public ai.djl.nn.norm.BatchNorm batchNorm() {
            return ai.djl.nn.norm.BatchNorm.builder().build();
        }

        @Override
        public ai.djl.nn.Block sum(ai.djl.nn.Block main, ai.djl.nn.Block shortcut) {
            return new ai.djl.nn.ParallelBlock(l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())), List.of(main, shortcut));
        }
    }
}
