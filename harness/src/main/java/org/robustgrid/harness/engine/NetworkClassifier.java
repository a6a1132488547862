package org.robustgrid.harness.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.BiFunction;
import org.robustgrid.harness.spi.Classifier;

/**
 * A DJL block seen as a {@link Classifier}: inference mode always, and the weights' gradient
 * tracking switched off while the input gradient is taken, so an attack's backward passes neither
 * add into the weights' gradients nor spend time computing them.
 */
public final class NetworkClassifier implements Classifier {

    private final Block block;
    private final ParameterStore store;
    private final int numClasses;
    private final List<Parameter> trainable;

    public NetworkClassifier(Block block, ParameterStore store, int numClasses) {
        this.block = block;
        this.store = store;
        this.numClasses = numClasses;
        this.trainable = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public NDArray logits(NDArray x) {
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    @Override
    public InputGradient gradient(NDArray x, BiFunction<NDArray, NDArray, NDArray> objective) {
        NDManager caller = x.getManager();
        try (NDManager scope = caller.newSubManager()) {
            NDArray xt = x.duplicate();
            xt.attach(scope);
            xt.setRequiresGradient(true);
            setWeightsTracked(false);
            NDArray logits;
            NDArray value;
            try (GradientCollector collector = Engines.get().newGradientCollector()) {
                logits = block.forward(store, new NDList(xt), false).singletonOrThrow();
                value = objective.apply(xt, logits);
                collector.backward(value);
            } finally {
                setWeightsTracked(true);
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

    private void setWeightsTracked(boolean tracked) {
        for (Parameter p : trainable) {
            p.getArray().setRequiresGradient(tracked);
        }
    }
}
