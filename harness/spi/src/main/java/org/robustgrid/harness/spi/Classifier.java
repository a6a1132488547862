package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

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
     * {@link #gradient} for a model given as its forward pass: evaluates {@code objective(x', forward(x'))}
     * on a tracked copy {@code x'} of {@code x} and differentiates it with respect to {@code x'}. What the
     * forward pass tracks besides the input (weights that require gradients) is the caller's to switch off.
     *
     * @param x images; not modified
     * @param forward the logits of a batch, in inference mode
     * @param objective {@code (x, logits) -> scalar}
     * @return the logits, the objective and its gradient, attached to {@code x}'s manager; intermediate
     *     arrays are freed before returning
     */
    static InputGradient inputGradient(NDArray x, UnaryOperator<NDArray> forward, BiFunction<NDArray, NDArray, NDArray> objective) {
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray xt = x.duplicate();
            xt.attach(scope);
            xt.setRequiresGradient(true);
            NDArray logits;
            NDArray value;
            try (GradientCollector collector = caller.getEngine().newGradientCollector()) {
                logits = forward.apply(xt);
                value = objective.apply(xt, logits);
                collector.backward(value);
            }
            NDArray grad = xt.getGradient().duplicate();
            NDArray outLogits = logits.stopGradient();
            NDArray outValue = value.stopGradient();
            grad.attach(caller);
            outLogits.attach(caller);
            outValue.attach(caller);
            return new InputGradient(outLogits, outValue, grad);
        }
    }

    /**
     * What {@link #gradient} returns.
     *
     * @param logits logits of {@code x}, (N, classes)
     * @param value the objective, a scalar
     * @param grad d objective / d x, the shape of {@code x}
     */
    record InputGradient(NDArray logits, NDArray value, NDArray grad) {}
}
