package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.function.BiFunction;

/**
 * The model as an attack sees it: logits and input gradients, always in inference mode
 * (BatchNorm uses running statistics, RReLU its mean slope). Implementations leave the weights and
 * their gradients exactly as they found them.
 */
public interface Classifier {

    /** Number of classes, the width of the logits. */
    int numClasses();

    /**
     * Logits for a batch without gradient tracking.
     *
     * @param x images, float32 NCHW in [0,1]
     * @return logits (N, classes) attached to {@code x}'s manager
     */
    NDArray logits(NDArray x);

    /**
     * Evaluates a scalar objective of the input and its logits and differentiates it with respect to
     * the input.
     *
     * @param x images, float32 NCHW; not modified
     * @param objective {@code (x, logits) -> scalar}; it receives the tracked copy of {@code x}
     * @return the logits, the objective and its gradient with respect to {@code x}, all attached to
     *     {@code x}'s manager; intermediate arrays are freed before returning
     */
    InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective);

    /**
     * What {@link #gradient} returns.
     *
     * @param logits logits of {@code x}, (N, classes)
     * @param value the objective, a scalar
     * @param grad d objective / d x, the shape of {@code x}
     */
    record InputGradient(NDArray logits, NDArray value, NDArray grad) {}
}
