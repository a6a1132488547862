package org.robustgrid.harness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.robustgrid.harness.spi.Classifier;

/**
 * A network's inference function seen as a {@link Classifier}: inference mode always, and the weights'
 * gradient tracking switched off while the input gradient is taken, so an attack's backward passes
 * neither add into the weights' gradients nor spend time computing them.
 */
public final class NetworkClassifier implements Classifier {

    private final UnaryOperator<NDArray> forward;
    private final int numClasses;
    private final List<Parameter> trainable;

    /** The block's own forward pass in inference mode. */
    public NetworkClassifier(Block block, ParameterStore store, int numClasses) {
        this(x -> block.forward(store, new NDList(x), false).singletonOrThrow(), numClasses,
                block.getParameters().values().stream().filter(Parameter::requiresGradient).toList());
    }

    /**
     * @param forward the inference function, images to logits
     * @param numClasses the logits' width
     * @param trainable the parameters {@code forward} may read that track gradients
     */
    public NetworkClassifier(UnaryOperator<NDArray> forward, int numClasses, List<Parameter> trainable) {
        this.forward = forward;
        this.numClasses = numClasses;
        this.trainable = List.copyOf(trainable);
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public NDArray logits(NDArray x) {
        return forward.apply(x);
    }

    @Override
    public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
        setWeightsTracked(false); // input gradients only: no weight gradients computed or touched
        try {
            return Classifier.inputGradient(x, this::logits, objective);
        } finally {
            setWeightsTracked(true);
        }
    }

    private void setWeightsTracked(boolean tracked) {
        for (Parameter p : trainable) {
            p.getArray().setRequiresGradient(tracked);
        }
    }
}
