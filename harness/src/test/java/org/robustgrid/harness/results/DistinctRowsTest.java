package org.robustgrid.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two runs that wrote one folder at once recorded each evaluation twice: readers count the newest row once. */
class DistinctRowsTest {

    static ResultRow row(String evalKey, String status, String robust, String timestamp) {
        Map<Column, String> v = new EnumMap<>(Column.class);
        v.put(Column.SCHEMA_VERSION, Integer.toString(Column.SCHEMA));
        v.put(Column.MODEL_KEY, "m1");
        v.put(Column.ATTACK, "fgsm(eps=0.1)");
        v.put(Column.EVAL_KEY, evalKey);
        v.put(Column.STATUS, status);
        v.put(Column.ROBUST_ACC, robust);
        v.put(Column.TIMESTAMP, timestamp);
        return ResultRow.of(v);
    }

    @Test
    void theNewestRowOfAKeyCountsOnceAtItsFirstPlace() {
        ResultRow old = row("e1", "ok", "0.5", "2026-12-01T10:00:00Z");
        ResultRow other = row("e2", "ok", "0.4", "2026-12-01T10:00:01Z");
        ResultRow newer = row("e1", "ok", "0.6", "2026-12-01T10:00:00.5Z"); // a shorter instant text is not an older one
        ResultsMerge.Distinct d = ResultsMerge.newest(List.of(old, other, newer));
        assertEquals(List.of(newer, other), d.rows());
        assertEquals(1, d.duplicates());
        String notice = d.notice("runs/x/results.csv").orElseThrow();
        assertTrue(notice.startsWith("runs/x/results.csv: 1 evaluation has more than one row"), notice);
        assertEquals(1, notice.lines().count());
    }

    @Test
    void aSuccessfulRowBeatsANewerFailedOneAndIdenticalRowsAreNoDuplicates() {
        ResultRow ok = row("e1", "ok", "0.5", "2026-12-01T10:00:00Z");
        ResultRow failed = row("e1", "failed", "", "2026-12-02T10:00:00Z");
        assertEquals(List.of(ok), ResultsMerge.newest(List.of(ok, failed)).rows());
        ResultsMerge.Distinct same = ResultsMerge.newest(List.of(ok, ok));
        assertEquals(List.of(ok), same.rows());
        assertEquals(0, same.duplicates());
        assertTrue(same.notice("f").isEmpty());
    }
}
