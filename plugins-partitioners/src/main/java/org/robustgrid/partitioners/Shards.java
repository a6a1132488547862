package org.robustgrid.partitioners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.robustgrid.harness.spi.Partitioner;

/**
 * Label skew by shards (McMahan et al., 2017, "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data"): the examples sorted by label are cut into {@code clients × k} shards of
 * (nearly) equal size, and each client gets {@code k} shards chosen at random. On balanced labels
 * whose class size is a multiple of the shard size a client sees at most {@code k} classes; a shard
 * that straddles a class boundary adds one more.
 */
final class Shards implements Partitioner {

    private final int shardsPerClient;

    Shards(int shardsPerClient) {
        this.shardsPerClient = shardsPerClient;
    }

    @Override
    public List<int[]> split(int[] labels, int numClasses, int clients, long seed) {
        long shards = (long) clients * shardsPerClient;
        Splits.check(ShardsProvider.ID, labels, numClasses, clients, shards,
                clients + " clients × " + shardsPerClient + " classes-per-client non-empty shards");
        Random random = new Random(seed);
        // sorted by label, in random order within a class, so a shard is a random sample of its class
        int[][] byClass = Splits.byClass(labels, numClasses);
        int[] sorted = new int[labels.length];
        int at = 0;
        for (int[] members : byClass) {
            Splits.shuffle(members, random);
            System.arraycopy(members, 0, sorted, at, members.length);
            at += members.length;
        }
        int[] shardSizes = Splits.equalSizes(labels.length, (int) shards);
        int[] shardStart = new int[(int) shards];
        for (int s = 1; s < shards; s++) {
            shardStart[s] = shardStart[s - 1] + shardSizes[s - 1];
        }
        // client i gets shards perm[i·k .. (i+1)·k) of a random permutation of the shard ids
        int[] perm = Splits.shuffle(Splits.range((int) shards), random);
        List<int[]> out = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            int size = 0;
            for (int j = 0; j < shardsPerClient; j++) {
                size += shardSizes[perm[i * shardsPerClient + j]];
            }
            int[] mine = new int[size];
            int fill = 0;
            for (int j = 0; j < shardsPerClient; j++) {
                int s = perm[i * shardsPerClient + j];
                System.arraycopy(sorted, shardStart[s], mine, fill, shardSizes[s]);
                fill += shardSizes[s];
            }
            Arrays.sort(mine);
            out.add(mine);
        }
        return out;
    }
}
