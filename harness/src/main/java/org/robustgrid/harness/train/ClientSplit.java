package org.robustgrid.harness.train;

import java.util.List;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.partition.DataSharing;

/** Each client's training indices: the partitioner's split, then the shared slice. */
final class ClientSplit {

    private ClientSplit() {}

    static List<int[]> split(TrainingJob job, Dataset train) {
        List<int[]> local = job.partitioner().split(train.labels(), train.numClasses(), job.clients(), job.seed());
        return DataSharing.apply(local, train.labels(), train.numClasses(), job.share(), job.sharePool(), job.seed());
    }
}
