package org.robustgrid.harness.train;

import java.util.List;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.grid.Cell;
import org.robustgrid.harness.partition.DataSharing;

/** Each client's training indices: the partitioner's split, then the shared slice. */
final class ClientSplit {

    private ClientSplit() {}

    static List<int[]> split(Cell cell, Dataset train) {
        List<int[]> local = cell.partitioner().instance().split(train.labels(), train.numClasses(), cell.clients(), cell.seed());
        return DataSharing.apply(local, train.labels(), train.numClasses(), cell.share(), cell.seed());
    }
}
