package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.Attack;

/** Stage 1 of a cell, plan: which of its evaluations are still to do, given the keys already recorded. */
final class PlanStage {

    /**
     * The work of a run.
     *
     * @param work cells with at least one evaluation to do, in plan order
     * @param skipped evaluations already recorded
     */
    record Planned(List<CellWork> work, int skipped) {}

    private PlanStage() {}

    static Planned plan(GridPlan plan, Predicate<String> recorded) {
        List<CellWork> work = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < plan.cells().size(); i++) {
            Cell cell = plan.cells().get(i);
            List<Plugin<Attack>> todo = new ArrayList<>();
            for (Plugin<Attack> a : plan.evalAttacks(cell)) {
                if (recorded.test(cell.evalKey(a))) {
                    skipped++;
                } else {
                    todo.add(a);
                }
            }
            if (!todo.isEmpty()) {
                work.add(new CellWork(i + 1, cell, todo));
            }
        }
        return new Planned(List.copyOf(work), skipped);
    }
}
