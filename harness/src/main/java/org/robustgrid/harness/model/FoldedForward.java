package org.robustgrid.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.robustgrid.harness.engine.MemoryFormats;

/**
 * The network's inference function with each BatchNorm that directly follows a convolution folded
 * into that convolution: in inference mode BatchNorm is the per-channel affine map
 * {@code y = s·(z − mean) + β} with {@code s = γ / √(var + ε)}, so {@code BN(conv(x; W)) =
 * conv(x; s·W) + (β − s·mean)}, one convolution with a bias and no BatchNorm pass forward or backward.
 * The function is the same up to float rounding (relative differences near 1e-6).
 *
 * <p>The folded weights are computed once, from the weights as they are when this is made, and do
 * not follow later updates: make one per training step or per evaluation, on a manager that closes
 * with it. Blocks that are not a recorded convolution-BatchNorm pair or residual sum run their own
 * forward pass in inference mode, so anything the folding does not know stays exact.
 */
public final class FoldedForward implements UnaryOperator<NDArray> {

    /** Folded weight and bias of each convolution whose BatchNorm is folded into it. */
    private record Folded(Conv2d conv, NDArray weight, NDArray bias) {}

    private final ParameterStore store;
    private final Folding folding;
    private final Block root;
    private final Map<Block, Folded> folded = new IdentityHashMap<>();
    private final boolean channelsLast;

    FoldedForward(Block root, ParameterStore store, Folding folding, NDManager owner) {
        this(root, store, folding, owner, false);
    }

    /** With {@code channelsLast}, inputs and folded weights are stored channels-last ({@link Layouts}). */
    FoldedForward(Block root, ParameterStore store, Folding folding, NDManager owner, boolean channelsLast) {
        this.root = root;
        this.store = store;
        this.folding = folding;
        this.channelsLast = channelsLast;
        fold(root, owner);
    }

    /** Number of convolutions with a folded BatchNorm. */
    public int foldedCount() {
        return folded.size();
    }

    @Override
    public NDArray apply(NDArray x) {
        return forward(root, channelsLast ? MemoryFormats.channelsLast(x) : x);
    }

    private void fold(Block block, NDManager owner) {
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            Float eps = i + 1 < children.size() ? folding.epsilon(children.get(i + 1)) : null;
            if (block instanceof SequentialBlock && child instanceof Conv2d conv && eps != null) {
                folded.put(conv, fold(conv, children.get(i + 1), eps, owner, channelsLast));
            } else {
                fold(child, owner);
            }
        }
    }

    private static Folded fold(Conv2d conv, Block batchNorm, float eps, NDManager owner, boolean channelsLast) {
        var bn = batchNorm.getParameters();
        NDArray gamma = bn.get("gamma").getArray();
        NDArray beta = bn.get("beta").getArray();
        NDArray mean = bn.get("runningMean").getArray();
        NDArray var = bn.get("runningVar").getArray();
        NDArray w = conv.getParameters().get("weight").getArray();
        // the temporaries close with the scope; the folded weight and bias move to the owner
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray scale = gamma.stopGradient().div(var.stopGradient().add(eps).sqrt());
            long[] perOut = new long[w.getShape().dimension()];
            Arrays.fill(perOut, 1);
            perOut[0] = -1;
            NDArray weight = w.stopGradient().mul(scale.reshape(perOut));
            NDArray shift = conv.isIncludeBias()
                    ? conv.getParameters().get("bias").getArray().stopGradient().sub(mean.stopGradient())
                    : mean.stopGradient().neg();
            NDArray bias = beta.stopGradient().add(shift.mul(scale));
            if (channelsLast) {
                weight = MemoryFormats.channelsLast(weight); // else the convolution converts it on every call
            }
            NDScope.unregister(weight, bias);
            weight.attach(owner);
            bias.attach(owner);
            return new Folded(conv, weight, bias);
        }
    }

    private NDArray forward(Block block, NDArray x) {
        if (block instanceof SequentialBlock) {
            List<Block> children = block.getChildren().values();
            for (int i = 0; i < children.size(); i++) {
                Folded f = folded.get(children.get(i));
                if (f != null) {
                    x = Conv2d.conv2d(x, f.weight(), f.bias(), f.conv().getStride(), f.conv().getPadding(), f.conv().getDilation(),
                            f.conv().getGroups()).singletonOrThrow();
                    i++; // its BatchNorm
                } else {
                    x = forward(children.get(i), x);
                }
            }
            return x;
        }
        if (folding.isSum(block)) {
            List<Block> branches = block.getChildren().values();
            return forward(branches.get(0), x).add(forward(branches.get(1), x));
        }
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }
}
