package org.robustgrid.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum and weight decay, with PyTorch's update rule. Call inside an {@code NDScope} so
 * the temporaries of an update close with the step.
 */
final class Sgd {

    private final List<Parameter> params;
    private final List<NDArray> velocity = new ArrayList<>();
    private final double momentum;
    private final double weightDecay;

    Sgd(List<Parameter> params, NDManager manager, double momentum, double weightDecay) {
        this.params = params;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (Parameter p : params) {
            NDArray v = manager.zeros(p.getArray().getShape(), p.getArray().getDataType(), p.getArray().getDevice());
            velocity.add(v);
        }
    }

    /** Zeroes the weights' gradients: DJL's collector accumulates into them and never clears them. */
    void zeroGradients() {
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            g.muli(0);
            g.close();
        }
    }

    /** g ← ∇w + λw;  v ← μv + g;  w ← w − η v. */
    void step(double lr) {
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = w.getGradient();
            NDArray v = velocity.get(i);
            v.muli(momentum).addi(g);
            if (weightDecay != 0) {
                v.addi(w.mul(weightDecay));
            }
            w.subi(v.mul(lr));
        }
    }

    /** Clears the momentum, as a fresh optimizer would (each federated round starts one). */
    void reset() {
        for (NDArray v : velocity) {
            v.muli(0);
        }
    }

    void close() {
        velocity.forEach(NDArray::close);
    }
}
