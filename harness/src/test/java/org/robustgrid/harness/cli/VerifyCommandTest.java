package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code robustgrid verify}: a fresh run recomputes identically; a hand-edited row differs; bad input is one line. */
class VerifyCommandTest {

    /** A tiny run: one model, two eval attacks. */
    static void tinyRun(Path out) {
        CliTest.Result r = CliTest.run("run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=128,test=48,noise=0.3)",
                "--model", "small-cnn(width=4)", "--train-attacks", "fgsm(eps=0.05)", "--eval-attacks", "fgsm(eps=0.1),fgsm(eps=0.3)",
                "--epochs", "1", "--batch", "32", "--eval-limit", "32", "--crop-padding", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
    }

    @Test
    void aFreshRunRecomputesIdenticallyFromItsCheckpointsAndByTrainingAgain(@TempDir Path out) {
        tinyRun(out);
        CliTest.Result r = CliTest.run("verify", out.toString(), "--sample", "2", "--seed", "7");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().startsWith("verifying 2 of 2 rows of " + out.resolve("results.csv") + ", re-evaluating each model from its"
                + " checkpoint; chosen with --seed 7: rows 1, 2"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.contains(": identical: natural ")).count(), r.out());
        assertTrue(r.out().contains("0 of 2 rows differ"), r.out());
        CliTest.Result again = CliTest.run("verify", out.toString(), "--sample", "1", "--retrain");
        assertEquals(0, again.code(), again.err() + again.out());
        assertTrue(again.out().contains("training each model again; chosen with --seed "), again.out());
        assertEquals(1, again.out().lines().filter(l -> l.contains(": identical: natural ")).count(), again.out());
    }

    @Test
    void aHandEditedRowDiffersWithBothNumbers(@TempDir Path out) throws Exception {
        tinyRun(out);
        Path results = out.resolve("results.csv");
        List<CSVRecord> records;
        try (CSVParser p = CSVFormat.DEFAULT.parse(Files.newBufferedReader(results))) {
            records = p.getRecords();
        }
        int robust = records.get(0).toList().indexOf("robust_acc");
        String recorded = records.get(2).get(robust);
        String edited = Double.parseDouble(recorded) > 0.5 ? "0.050000" : "0.950000";
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            for (int i = 0; i < records.size(); i++) {
                List<String> cells = new java.util.ArrayList<>(records.get(i).toList());
                if (i == 2) {
                    cells.set(robust, edited); // the second row, edited by hand
                }
                printer.printRecord(cells);
            }
        }
        Files.writeString(results, text);
        CliTest.Result r = CliTest.run("verify", out.toString(), "--sample", "2");
        assertEquals(Main.RUN_FAILED, r.code(), r.err() + r.out());
        String row2 = r.out().lines().filter(l -> l.startsWith("row 2 ")).findFirst().orElseThrow();
        assertTrue(row2.contains(": different: ") && row2.contains("robust " + edited + " recorded, " + recorded + " recomputed"), row2);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("row 1 ") && l.contains(": identical: ")), r.out());
        assertTrue(r.out().contains("1 of 2 rows differ"), r.out());
    }

    @Test
    void aRowMadeWithOtherPluginCodeIsRecomputedWithTodaysAndSaysWhichChanged(@TempDir Path out) throws Exception {
        tinyRun(out);
        // the folder as a relu jar of another digest made it: its key, checkpoint and plugin_sources as that run wrote them
        org.robustgrid.harness.grid.GridPlan plan = org.robustgrid.harness.grid.GridPlan.of(
                org.robustgrid.harness.grid.GridSpec.file(out.resolve("grid.txt")),
                org.robustgrid.harness.plugin.PluginRegistry.of(org.robustgrid.harness.fixtures.TestPlugins.all()));
        org.robustgrid.harness.grid.Cell cell = plan.cells().get(0);
        String now = cell.activation().info().digest();
        String old = "00000000deadbeef";
        // the test plugins share one digest (their classes' folder), as the plugins of one jar do
        String oldKey = org.robustgrid.harness.results.Keys.hash(cell.trainingKey(p -> p.info().digest().equals(now) ? old : p.info().digest()));
        Path results = out.resolve("results.csv");
        Files.writeString(results, Files.readString(results).replace(cell.modelKey(), oldKey).replace("#" + now, "#" + old));
        try (java.util.stream.Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
            for (Path f : files.toList()) {
                Files.move(f, f.resolveSibling(f.getFileName().toString().replace(cell.modelKey(), oldKey)));
            }
        }
        CliTest.Result r = CliTest.run("verify", out.toString(), "--sample", "2");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(2, r.out().lines().filter(l -> l.contains(": identical: ")
                && l.contains("(with plugin code other than the row's: relu " + old + " -> " + now)).count(), r.out());
    }

    @Test
    void aFolderMergedFromTwoGridsKeepsBothGridsAndVerifiesRowsOfEach(@TempDir Path tmp) {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        tinyRun(a);
        CliTest.Result other = CliTest.run("run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=128,test=48,noise=0.3)",
                "--model", "small-cnn(width=4)", "--train-attacks", "none", "--eval-attacks", "fgsm(eps=0.2)", "--epochs", "1", "--batch", "32",
                "--eval-limit", "32", "--crop-padding", "0", "--out", b.toString());
        assertEquals(0, other.code(), other.err());
        Path merged = tmp.resolve("merged");
        CliTest.Result m = CliTest.run("merge", "--grids", "-o", merged.resolve("results.csv").toString(), a.toString(), b.toString());
        assertEquals(0, m.code(), m.err() + m.out());
        assertEquals(2, org.robustgrid.harness.grid.GridFiles.of(merged).size(), "one grid file per grid, under grids/");
        CliTest.Result r = CliTest.run("verify", merged.toString(), "--sample", "3", "--retrain", "--seed", "1");
        assertEquals(0, r.code(), r.err() + r.out());
        assertEquals(3, r.out().lines().filter(l -> l.contains(": identical: natural ")).count(), r.out());
        assertTrue(r.out().contains("under fgsm(eps=0.2)") && r.out().contains("under fgsm(eps=0.1)"), "rows of both grids: " + r.out());
        // a merge of one grid's folder keeps its grid.txt
        Path single = tmp.resolve("single");
        assertEquals(0, CliTest.run("merge", "-o", single.resolve("results.csv").toString(), a.toString()).code());
        assertEquals(List.of(single.resolve("grid.txt")), org.robustgrid.harness.grid.GridFiles.of(single));
    }

    @Test
    void badInputIsOneLine(@TempDir Path out) throws Exception {
        CliTest.assertOneLine(CliTest.run("verify", out.toString()));
        assertTrue(CliTest.run("verify", out.toString()).err().contains("is not a results folder"));
        tinyRun(out);
        CliTest.Result r = CliTest.run("verify", out.toString(), "--sample", "3");
        CliTest.assertOneLine(r);
        assertTrue(r.err().contains("--sample 3 is not in [1, 2]"), r.err());
    }
}
