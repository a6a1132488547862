package org.robustgrid.harness.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Classifier;

class ModelChecksTest {

    /** A classifier given by its forward pass. */
    private static Classifier of(int classes, UnaryOperator<NDArray> forward) {
        return new Classifier() {
            @Override public int numClasses() { return classes; }
            @Override public NDArray logits(NDArray x) { return forward.apply(x); }
            @Override public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
                return Classifier.inputGradient(x, forward, objective);
            }
        };
    }

    private static List<String> check(UnaryOperator<NDArray> forward) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, 1, 4, 4));
            NDArray w = m.randomNormal(new Shape(16, 3));
            NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2, 0, 1});
            return ModelChecks.check(of(3, v -> forward.apply(v.reshape(8, 16).matMul(w))), x, y);
        }
    }

    @Test
    void aDeterministicModelWithLogitsIsQuiet() {
        assertEquals(List.of(), check(z -> z));
    }

    @Test
    void aRandomizedOutputIsFlagged() {
        List<String> w = check(z -> z.add(z.getManager().randomNormal(z.getShape()).mul(0.1f)));
        assertTrue(w.stream().anyMatch(s -> s.contains("differs between two passes") && s.contains("version=rand")), w.toString());
    }

    @Test
    void softmaxOutputsAreFlagged() {
        List<String> w = check(z -> z.softmax(1));
        assertTrue(w.stream().anyMatch(s -> s.contains("softmax probabilities")), w.toString());
    }

    @Test
    void zeroInputGradientsAreFlagged() {
        // a constant output: the margin's gradient is exactly zero for every image
        List<String> w = check(z -> z.mul(0f));
        assertTrue(w.stream().anyMatch(s -> s.contains("8 of 8 images have an input gradient of exactly zero")), w.toString());
    }
}
