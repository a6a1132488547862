package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Seeding;
import org.robustgrid.harness.spi.SpecException;

/** RReLU in training: per-element slopes from U(lower, upper), drawn from the seeded engine generator. */
class RreluTest {

    private static final int N = 10_000;

    /** Output and input gradient of one training forward over {@code x}. */
    private record Pass(float[] y, float[] grad) {}

    private static Pass train(Activation activation, float[] in) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(in);
            Block block = activation.newBlock();
            block.initialize(m, DataType.FLOAT32, x.getShape());
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = block.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                collector.backward(y.sum());
            }
            return new Pass(y.toFloatArray(), x.getGradient().toFloatArray());
        }
    }

    /** -1 in the first half, 2 in the second: slope = -y on the first half, identity on the second. */
    private static float[] halves() {
        float[] in = new float[2 * N];
        Arrays.fill(in, 0, N, -1f);
        Arrays.fill(in, N, 2 * N, 2f);
        return in;
    }

    @Test
    void trainingSlopesAreUniformOnTheRangeAndDrawnPerElement() {
        Seeding.seed(3);
        Pass pass = train(Closed.create(new RreluProvider(), "rrelu"), halves());
        double lower = 1.0 / 8;
        double upper = 1.0 / 3;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double slope = -pass.y()[i];
            assertTrue(slope >= lower - 1e-7 && slope <= upper + 1e-7, "slope " + slope + " outside [1/8, 1/3]");
            // for x < 0, dy/dx is the slope that was drawn
            assertEquals(slope, pass.grad()[i], 1e-7, "gradient is the drawn slope");
            sum += slope;
            sumSq += slope * slope;
        }
        for (int i = N; i < 2 * N; i++) {
            assertEquals(2f, pass.y()[i], "positive inputs pass unchanged");
            assertEquals(1f, pass.grad()[i], "gradient 1 for positive inputs");
        }
        double mean = sum / N;
        double sd = Math.sqrt(sumSq / N - mean * mean);
        // U(l, u): mean (l + u)/2 (standard error 6e-4 at N = 1e4), standard deviation (u - l)/√12 = 0.060
        assertEquals((lower + upper) / 2, mean, 3e-3);
        assertEquals((upper - lower) / Math.sqrt(12), sd, 3e-3);
        long distinct = IntStream.range(0, N).mapToObj(i -> pass.y()[i]).distinct().count();
        assertTrue(distinct > N * 9 / 10, "only " + distinct + " distinct slopes in " + N + " elements");
    }

    @Test
    void customBoundsAreHonoured() {
        Pass pass = train(Closed.create(new RreluProvider(), "rrelu(lower=0.2,upper=0.3)"), halves());
        for (int i = 0; i < N; i++) {
            assertTrue(-pass.y()[i] >= 0.2f && -pass.y()[i] <= 0.3f, "slope " + -pass.y()[i] + " outside [0.2, 0.3]");
        }
    }

    @Test
    void trainingIsReproducibleAfterSeeding() {
        Activation rrelu = Closed.create(new RreluProvider(), "rrelu");
        Seeding.seed(42);
        float[] first = train(rrelu, halves()).y();
        Seeding.seed(42);
        float[] again = train(rrelu, halves()).y();
        Seeding.seed(43);
        float[] other = train(rrelu, halves()).y();
        assertArrayEquals(first, again, "same seed, different slopes");
        assertFalse(Arrays.equals(first, other), "different seeds, same slopes");
    }

    @Test
    void zeroGetsADrawnSlopeAsGradient() {
        // PyTorch's rrelu puts x = 0 on the negative side: y = 0 and dy/dx = the drawn slope
        Pass pass = train(Closed.create(new RreluProvider(), "rrelu"), new float[] {0f, 0f, 0f});
        for (int i = 0; i < 3; i++) {
            assertEquals(0f, pass.y()[i]);
            assertTrue(pass.grad()[i] >= 0.125f && pass.grad()[i] <= 1f / 3, "gradient at 0 " + pass.grad()[i]);
        }
    }

    @Test
    void equalBoundsGiveAFixedSlope() {
        Pass pass = train(Closed.create(new RreluProvider(), "rrelu(lower=0.2,upper=0.2)"), new float[] {-5f, -1f, 4f});
        assertArrayEquals(new float[] {-1f, -0.2f, 4f}, pass.y(), 1e-6f);
        assertArrayEquals(new float[] {0.2f, 0.2f, 1f}, pass.grad(), 1e-6f);
    }

    @Test
    void lowerAboveUpperIsRejectedNamingBoth() {
        SpecException e = assertThrows(SpecException.class, () -> Closed.create(new RreluProvider(), "rrelu(lower=0.5,upper=0.2)"));
        assertTrue(e.getMessage().contains("'lower'") && e.getMessage().contains("'upper'"), e.getMessage());
        assertTrue(e.getMessage().contains("0.5") && e.getMessage().contains("0.2"), e.getMessage());
    }
}
