package org.robustgrid.harness.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.fixtures.TestPlugins;
import org.robustgrid.harness.train.LrSchedule;
import org.robustgrid.harness.train.Recipe;

/**
 * The benchmark's training step is a function of its seed: two runs give the same loss at every step,
 * bit for bit. A NaN that shows in some runs only (issue 17) therefore needs something that changes
 * between runs, such as a kernel that reads memory it did not write or races between threads, which
 * this would catch on the machine that runs it (docs/performance.md, "The NaN of bench").
 */
class StepDeterminismTest {

    private static float[] losses() {
        var attack = new TestPlugins.Fgsm().create(Params.defaults(new TestPlugins.Fgsm()));
        var strategy = new TestPlugins.Centralized().create(Params.defaults(new TestPlugins.Centralized()));
        Recipe recipe = new Recipe(0.05, 0.1, true, 2, 0.1, LrSchedule.FIXED, 0.9, 5e-4, 16, 1);
        List<Float> seen = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        StepBenchmark.trainingStep(TestPlugins.model("small-cnn(width=8)"), TestPlugins.relu(), attack, strategy, recipe,
                StepBenchmark.randomData(16, 1, 16, 10, 0), Device.cpu(), 2, 4, (step, loss) -> {
                    steps.add(step);
                    seen.add(loss);
                });
        assertEquals(List.of(0, 1, 2, 3, 4, 5), steps, "warm-up steps first, then the timed ones");
        float[] a = new float[seen.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = seen.get(i);
            assertTrue(Float.isFinite(a[i]), "loss at step " + i + " is " + a[i]);
        }
        return a;
    }

    @Test
    void twoRunsGiveTheSameLossAtEveryStep() {
        float[] first = losses();
        float[] second = losses();
        assertArrayEquals(first, second, 0f, "the same seed gave different losses: something in the step depends on timing");
    }
}
