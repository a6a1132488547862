package org.robustgrid.harness.train;

import java.util.List;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.grid.Cell;

/** Each client's training indices: the partitioner's split, then the shared slice. */
final class ClientSplit {

    private ClientSplit() {}

    static List<int[]> split(Cell cell, Dataset train) {
        return cell.partitioner().instance().split(train.labels(), train.numClasses(), cell.clients(), cell.seed());
    }
}
