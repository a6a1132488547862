package org.robustgrid.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.fixtures.TestPlugins;
import org.robustgrid.harness.train.LrSchedule;
import org.robustgrid.harness.train.Recipe;

class MemoryTest {

    @Test
    void liveArraysStayFlatOverTwoThousandSteps() {
        var attack = new TestPlugins.Fgsm().create(Params.defaults(new TestPlugins.Fgsm()));
        var strategy = new TestPlugins.Centralized().create(Params.defaults(new TestPlugins.Centralized()));
        Recipe recipe = new Recipe(0.05, 0.1, true, 2, 0.01, LrSchedule.FIXED, 0.9, 5e-4, 8, 1);
        StepBenchmark.MemoryTrace t = StepBenchmark.memory(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), attack, strategy, recipe,
                Device.cpu(), 2000, 200);
        assertEquals(10, t.steps().size());
        assertEquals(2000L, t.steps().get(9));
        // every array a step makes is closed with the step: the network's manager holds the same arrays
        // (parameters, optimizer state, the loss accumulator) after 200 steps and after 2,000
        assertEquals(t.liveArrays().get(0), t.liveArrays().get(9), t.liveArrays().toString());
        assertTrue(t.liveArrays().get(0) < 100, t.liveArrays().toString());
    }
}
