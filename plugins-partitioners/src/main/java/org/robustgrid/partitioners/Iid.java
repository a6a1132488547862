package org.robustgrid.partitioners;

import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.Partitioner;

/** A uniformly random split into clients of equal size (sizes differ by at most one). */
final class Iid implements Partitioner {

    @Override
    public List<int[]> split(int[] labels, int numClasses, int clients, long seed) {
        Splits.check(IidProvider.ID, labels, numClasses, clients);
        // client i = the i-th consecutive piece of a random permutation of 0..N-1
        int[] order = Splits.shuffle(Splits.range(labels.length), new Random(seed));
        return Splits.cut(order, Splits.equalSizes(labels.length, clients));
    }
}
