package org.robustgrid.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanStageTest {

    @Test
    void recordedEvaluationsAreSkippedAndCellsWithNothingLeftDropOut() {
        GridPlan plan = GridPlan.of(GridRunnerTest.tiny(Map.of("lr-schedules", "fixed,cosine")), GridRunnerTest.REGISTRY);
        Cell first = plan.cells().get(0);
        Cell second = plan.cells().get(1);
        Set<String> recorded = Set.of(first.evalKey(plan.evalAttacks().get(0)), first.evalKey(plan.evalAttacks().get(1)),
                second.evalKey(plan.evalAttacks().get(1)));
        PlanStage.Planned p = PlanStage.plan(plan, recorded::contains);
        assertEquals(3, p.skipped());
        assertEquals(1, p.work().size());
        CellWork w = p.work().get(0);
        assertEquals(2, w.index());
        assertEquals(second, w.cell());
        assertEquals(List.of(plan.evalAttacks().get(0)), w.attacks());
    }
}
