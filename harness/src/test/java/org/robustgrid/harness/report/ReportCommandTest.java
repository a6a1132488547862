package org.robustgrid.harness.report;

import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.cli.Main;
import picocli.CommandLine;

/** {@code robustgrid report}, driven through the real command line. */
class ReportCommandTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path results(Path dir) {
        Path csv = dir.resolve("results.csv");
        try (ResultsStore f = ResultsStore.open(csv)) {
            FakeResults.rows().forEach(f::append);
        }
        return csv;
    }

    @Test
    void writesTheReportNextToTheResultsFile(@TempDir Path dir) throws Exception {
        Path csv = results(dir);
        Result r = run("report", csv.toString());
        assertEquals(0, r.code(), r.err());
        Path page = dir.resolve("report.html");
        assertTrue(r.out().contains(page.toString()), r.out());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertEquals(Report.of(ResultsStore.read(csv)).html(csv.toString()), html);
    }

    @Test
    void writesWhereOutSays(@TempDir Path dir) {
        Path csv = results(dir);
        Path page = dir.resolve("site/grid.html");
        Result r = run("report", csv.toString(), "--out", page.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(page));
    }

    @Test
    void missingOrEmptyResultsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Result missing = run("report", dir.resolve("nope.csv").toString());
        assertEquals(Main.BAD_INPUT, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope.csv does not exist"), missing.err());

        Path empty = dir.resolve("empty.csv");
        ResultsStore.open(empty).close();
        Result none = run("report", empty.toString());
        assertEquals(Main.BAD_INPUT, none.code());
        assertTrue(none.err().contains("no rows"), none.err());
        assertTrue(Files.notExists(dir.resolve("report.html")));
    }
}
