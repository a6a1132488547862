package org.robustgrid.harness.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Params;

/**
 * The contract every activation plugin must meet; a plugin's test is a one-line subclass:
 * {@code class TeluContractTest extends ActivationContractTest { TeluContractTest() { super(new TeluProvider()); } }}.
 *
 * <p>Checks: the declarations ({@link Declarations}); the defaults resolve and create; an
 * unknown key is refused naming it; blocks keep the shape of image (N,C,H,W) and feature (N,F)
 * batches in training and evaluation; evaluation is deterministic; values and input gradients are
 * finite even at |x| = 1e4; input gradients do not change when the garbage collector runs between the
 * forward and the backward pass; each {@code newBlock()} is independent of the others; a block's
 * parameters survive a checkpoint (save, then load into a fresh block).
 */
public abstract class ActivationContractTest {

    /** Inputs from the saturated tails to the origin, where naive formulas overflow or divide 0 by 0. */
    private static final float[] EXTREMES = {-1e4f, -100f, -20f, -3f, -1f, -1e-3f, 0f, 1e-3f, 1f, 3f, 20f, 100f, 1e4f};

    private final ActivationProvider provider;

    /** @param provider the plugin under test, with its default parameters unless {@link #activation()} is overridden */
    protected ActivationContractTest(ActivationProvider provider) {
        this.provider = provider;
    }

    /** The activation the shape, determinism, gradient and independence checks run on: defaults unless overridden. */
    protected Activation activation() {
        return provider.create(Params.defaults(provider));
    }

    @Test
    void declaresAWellFormedIdDescriptionAndParameters() {
        Declarations.assertWellFormed(provider);
    }

    @Test
    void defaultsResolveAndCreateAnActivation() {
        Params defaults = Params.defaults(provider);
        assertEquals(provider.parameters().size(), defaults.values().size());
        Activation activation = provider.create(defaults);
        assertNotNull(activation, "create(defaults) returned null");
        assertNotNull(activation.newBlock(), "newBlock() returned null");
    }

    @Test
    void unknownKeyIsRejectedNamingIt() {
        Declarations.assertUnknownKeyRefused(provider);
    }

    @Test
    void blocksPreserveImageAndFeatureShapes() {
        for (Shape shape : List.of(new Shape(2, 3, 4, 5), new Shape(6, 7))) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block block = initialized(m, shape);
                assertArrayEquals(new Shape[] {shape}, block.getOutputShapes(new Shape[] {shape}), "declared output shape");
                NDArray x = m.randomNormal(shape);
                for (boolean training : new boolean[] {false, true}) {
                    NDArray y = forward(m, block, x, training);
                    assertEquals(shape, y.getShape(), () -> "output shape with training=" + training);
                    assertEquals(DataType.FLOAT32, y.getDataType(), "output data type");
                }
            }
        }
    }

    @Test
    void evaluationIsDeterministic() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(4, 3, 5, 5);
            Block block = initialized(m, shape);
            NDArray x = m.randomNormal(0, 3, shape, DataType.FLOAT32);
            NDArray first = forward(m, block, x, false);
            NDArray second = forward(m, block, x, false);
            assertArrayEquals(first.toFloatArray(), second.toFloatArray(), "two evaluation forwards of one input differ");
        }
    }

    /**
     * The input gradient is the same when the Java garbage collector runs between the forward and the
     * backward pass. It is not when the activation multiplies or divides by a plain number
     * ({@code x.div(6f)}): DJL then gives autograd a scalar whose memory the collector frees. Use
     * {@link org.robustgrid.harness.spi.Scalars#of} for such constants.
     */
    @Test
    void inputGradientsSurviveAGarbageCollectionBeforeTheBackwardPass() {
        float[] at = {-4f, -2.5f, -1f, -0.3f, 0.2f, 0.9f, 2f, 3.5f};
        float[] calm = gradient(at, false);
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(calm, gradient(at, true),
                    "the input gradient changed when the garbage collector ran between forward and backward (a plain-number mul/div? see Scalars)");
        }
    }

    private float[] gradient(float[] at, boolean collectGarbage) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(at);
            Block block = initialized(m, x.getShape());
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = forward(m, block, x, false);
                if (collectGarbage) {
                    Collect.garbage();
                }
                collector.backward(y.sum());
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void valuesAndInputGradientsAreFiniteAtExtremes() {
        for (boolean training : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(EXTREMES);
                Block block = initialized(m, x.getShape());
                x.setRequiresGradient(true);
                NDArray y;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    y = forward(m, block, x, training);
                    collector.backward(y.sum());
                }
                float[] values = y.toFloatArray();
                float[] grads = x.getGradient().toFloatArray();
                for (int i = 0; i < EXTREMES.length; i++) {
                    int at = i;
                    assertTrue(Float.isFinite(values[i]), () -> "f(" + EXTREMES[at] + ") = " + values[at] + ", training=" + training);
                    assertTrue(Float.isFinite(grads[i]), () -> "f'(" + EXTREMES[at] + ") = " + grads[at] + ", training=" + training);
                }
            }
        }
    }

    @Test
    void newBlockGivesIndependentBlocks() {
        Activation activation = activation();
        Block a = activation.newBlock();
        Block b = activation.newBlock();
        assertNotSame(a, b, "newBlock() returned the same block twice");
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 8);
            a.initialize(m, DataType.FLOAT32, shape);
            b.initialize(m, DataType.FLOAT32, shape);
            List<Parameter> pa = a.getParameters().values();
            List<Parameter> pb = b.getParameters().values();
            assertEquals(pa.size(), pb.size(), "the two blocks have different parameter counts");
            for (Parameter p : pa) {
                for (Parameter q : pb) {
                    assertNotSame(p, q, () -> "parameter '" + p.getName() + "' is shared between blocks");
                    assertNotSame(p.getArray(), q.getArray(), () -> "parameter '" + p.getName() + "' shares its array");
                }
            }
            // changing one block's parameters must leave the other's output alone
            NDArray x = m.randomNormal(0, 3, shape, DataType.FLOAT32);
            float[] before = forward(m, b, x, false).toFloatArray();
            for (Parameter p : pa) {
                p.getArray().addi(1f);
            }
            assertArrayEquals(before, forward(m, b, x, false).toFloatArray(), "a change to one block's parameters changed the other");
        }
    }

    @Test
    void blocksSurviveACheckpointRoundTrip() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(3, 6);
            Block saved = initialized(m, shape);
            for (Parameter p : saved.getParameters().values()) {
                // a value no initializer gives, so that loading is what restores it
                p.getArray().addi(0.5f);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                saved.saveParameters(out);
            }
            Block loaded = activation().newBlock();
            loaded.initialize(m, DataType.FLOAT32, shape);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                loaded.loadParameters(m, in);
            }
            NDArray x = m.randomNormal(0, 3, shape, DataType.FLOAT32);
            assertArrayEquals(forward(m, saved, x, false).toFloatArray(), forward(m, loaded, x, false).toFloatArray(),
                    "a block loaded from a checkpoint computes another function");
        }
    }

    private Block initialized(NDManager m, Shape shape) {
        Block block = activation().newBlock();
        block.initialize(m, DataType.FLOAT32, shape);
        return block;
    }

    private static NDArray forward(NDManager m, Block block, NDArray x, boolean training) {
        return block.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }
}
