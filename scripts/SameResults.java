import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.results.ResultsMerge;

/**
 * Compares two results files row for row and column for column, as the harness's KillResumeTest
 * does: rows in the merge's canonical order, every column but the ones that measure time
 * (train_seconds, eval_seconds, timestamp). Exit 0 when equal, 1 with the differences when not.
 * Run with the harness on the class path:
 *   java -cp "harness/target/harness-VERSION.jar:harness/target/lib/*" scripts/SameResults.java A.csv B.csv
 */
public final class SameResults {

    private static final List<Column> TIMING = List.of(Column.TRAIN_SECONDS, Column.EVAL_SECONDS, Column.TIMESTAMP);

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SameResults A.csv B.csv");
            System.exit(2);
        }
        List<Map<Column, String>> a = comparable(Path.of(args[0]));
        List<Map<Column, String>> b = comparable(Path.of(args[1]));
        int differences = 0;
        if (a.size() != b.size()) {
            System.out.printf("row count differs: %s has %d, %s has %d%n", args[0], a.size(), args[1], b.size());
            differences++;
        }
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            for (Column c : a.get(i).keySet()) {
                if (!a.get(i).get(c).equals(b.get(i).get(c))) {
                    System.out.printf("row %d (%s %s) column %s: '%s' vs '%s'%n", i + 1, a.get(i).get(Column.MODEL_KEY),
                            a.get(i).get(Column.ATTACK), c.header(), a.get(i).get(c), b.get(i).get(c));
                    differences++;
                }
            }
        }
        if (differences > 0) {
            System.out.printf("DIFFERENT: %d differences%n", differences);
            System.exit(1);
        }
        System.out.printf("identical: %d rows x %d columns (all but %s)%n", a.size(), Column.values().length - TIMING.size(),
                String.join(", ", TIMING.stream().map(Column::header).toList()));
    }

    private static List<Map<Column, String>> comparable(Path results) {
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
}
