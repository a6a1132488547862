package org.robustgrid.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.results.ResultsMerge;

/**
 * SIGKILL at several points of a grid (during the first training, between rows, during federated
 * rounds), then a rerun: the results file must hold exactly the rows of an uninterrupted run.
 */
class KillResumeTest {

    /** Columns that measure time, not results. */
    private static final List<Column> TIMING = List.of(Column.TRAIN_SECONDS, Column.EVAL_SECONDS, Column.TIMESTAMP);

    static List<Map<Column, String>> comparable(Path results) {
        List<ResultRow> rows = new ArrayList<>(ResultsStore.read(results));
        rows.sort(ResultsMerge.ORDER);
        List<Map<Column, String>> out = new ArrayList<>();
        for (ResultRow r : rows) {
            Map<Column, String> v = new EnumMap<>(r.values());
            TIMING.forEach(v::remove);
            out.add(v);
        }
        return out;
    }

    static Process start(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                GridChild.class.getName(), out.toString());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
        return pb.start();
    }

    static long dataRows(Path results) throws IOException {
        if (!Files.exists(results)) {
            return 0;
        }
        return Math.max(0, Files.readAllLines(results).size() - 1);
    }

    @Test
    void killedAnywhereTheRerunEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path reference = tmp.resolve("reference");
        Files.createDirectories(reference);
        Process p = start(reference);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("reference.log")));
        List<Map<Column, String>> expected = comparable(reference.resolve(GridRunner.RESULTS));
        assertEquals(8, expected.size());

        Path out = tmp.resolve("killed");
        Files.createDirectories(out);
        Path results = out.resolve(GridRunner.RESULTS);
        // kill points: during the first training, after 1 row (between attacks), after 4 and 5 rows (federated rounds),
        // then let the last run finish
        long[] killAfterRows = {-1, 1, 4, 5};
        for (long rows : killAfterRows) {
            Process child = start(out);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            if (rows < 0) {
                while (!Files.exists(results) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
            } else {
                while (dataRows(results) < rows && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
            child.destroyForcibly().waitFor();
        }
        Process last = start(out);
        assertTrue(last.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, last.exitValue(), Files.readString(tmp.resolve("killed.log")));
        assertEquals(expected, comparable(results));
    }
}
