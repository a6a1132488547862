package org.robustgrid.harness.grid;

import java.util.List;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.Attack;

/**
 * What is left to do for one cell: the eval attacks whose rows are not yet recorded.
 *
 * @param index the cell's place in the plan, from 1, for progress lines
 * @param cell the cell
 * @param attacks the eval attacks still to run on its model, in plan order; never empty
 */
record CellWork(int index, Cell cell, List<Plugin<Attack>> attacks) {

    CellWork {
        attacks = List.copyOf(attacks);
    }
}
