package org.robustgrid.harness.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.checkpoint.TrainingLog;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.ResultRow;

/**
 * A results file as one self-contained HTML page: what was run, natural against robust accuracy per
 * activation, an activation × attack heat map, federated training by partition and sharing fraction,
 * the leaderboard, failed rows and warnings, each drawn by its own {@link Section}. The page fetches
 * nothing (no scripts, fonts, style sheets or images from anywhere; charts are inline SVG) and is the
 * same bytes under every default locale.
 */
public final class Report {

    private static final String CSS = css();

    private final ReportData data;

    private Report(ReportData data) {
        this.data = data;
    }

    /** A report of {@code rows} alone (any mix of successful and failed rows, in file order): no ranks, curves or training logs. */
    public static Report of(List<ResultRow> rows) {
        return new Report(new ReportData(rows, null, Map.of()));
    }

    /**
     * A report of a run's results file with what is stored beside it: the per-image outcomes (rank
     * groups, robustness curves) and the checkpoints' training logs (training curves).
     */
    public static Report of(List<ResultRow> rows, Path resultsFile) {
        Map<String, TrainingLog> logs = new TreeMap<>();
        CheckpointStore checkpoints = CheckpointStore.of(resultsFile.toAbsolutePath().getParent());
        for (ResultRow r : rows) {
            TrainingLog log = checkpoints.log(r.model().modelKey());
            if (!log.entries().isEmpty()) {
                logs.putIfAbsent(r.model().modelKey(), log);
            }
        }
        return new Report(new ReportData(rows, OutcomeStore.besides(resultsFile), logs));
    }

    /** The robustness curves the page draws, as CSV ({@code curves.csv} beside the page). */
    public String curvesCsv() {
        return CurvesSection.csv(data);
    }

    /**
     * The page.
     *
     * @param source the results file as the reader named it: shown in the header and in the command that regenerates the page
     * @return UTF-8 HTML text
     */
    public String html(String source) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "robustgrid report: " + String.join(", ", ReportData.distinct(data.rows, Column.DATASET));
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(Svg.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Svg.esc(title)).append("</h1>\n");
        for (Section s : List.of(new OverviewSection(data, source), new ActivationsSection(data), new ComparisonSection(data), new HeatMapSection(data),
                new FederatedSection(data), new CurvesSection(data), new TrainingSection(data), new LeaderboardSection(data), new BreakdownSection(data),
                RowsSection.failed(data), RowsSection.warnings(data))) {
            s.render(h);
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String css() {
        try (InputStream in = Report.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the harness jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
