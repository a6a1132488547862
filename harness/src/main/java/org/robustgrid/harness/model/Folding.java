package org.robustgrid.harness.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.robustgrid.harness.spi.Layers;

/**
 * What folding a network for inference needs to know that DJL's blocks do not say: the epsilon of
 * each BatchNorm (DJL keeps it private) and which parallel blocks add their branches (a residual
 * connection; DJL keeps the join function private). An architecture makes those blocks through this
 * class, as the SPI's {@link Layers}; {@link FoldedForward} folds only what is recorded here and runs
 * anything else as it is.
 */
final class Folding implements Layers {

    /** PyTorch's and DJL's default BatchNorm epsilon, set explicitly so the folding knows it. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    private final Map<Block, Float> epsilons = new IdentityHashMap<>();
    private final Set<Block> sums = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public BatchNorm batchNorm() {
        BatchNorm bn = BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build();
        epsilons.put(bn, BATCH_NORM_EPSILON);
        return bn;
    }

    @Override
    public ParallelBlock sum(Block main, Block shortcut) {
        ParallelBlock p = new ParallelBlock(
                list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())), List.of(main, shortcut));
        sums.add(p);
        return p;
    }

    /** The epsilon of a BatchNorm made here, or null for any other block. */
    Float epsilon(Block block) {
        return epsilons.get(block);
    }

    /** Whether {@code block} is a sum made here. */
    boolean isSum(Block block) {
        return sums.contains(block);
    }
}
