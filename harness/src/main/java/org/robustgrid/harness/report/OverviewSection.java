package org.robustgrid.harness.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;

/** What was run: data, models, plugins, versions, dates, and the command that regenerates the page. */
final class OverviewSection implements Section {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final ReportData d;
    private final String source;

    OverviewSection(ReportData d, String source) {
        this.d = d;
        this.source = source;
    }

    @Override
    public void render(StringBuilder h) {
        List<ResultRow> rows = d.rows;
        h.append("<section id=\"overview\">\n<table class=\"facts\">\n");
        fact(h, "data set" + plural(ReportData.distinct(rows, Column.DATASET)), String.join(", ", ReportData.distinct(rows, Column.DATASET)));
        fact(h, "model" + plural(ReportData.distinct(rows, Column.MODEL)), String.join(", ", ReportData.distinct(rows, Column.MODEL)));
        long models = ReportData.onePerModel(rows).size();
        long failedRows = rows.size() - d.ok.size();
        fact(h, "size", String.format(Locale.ROOT, "%d trained model%s, %d row%s (%d ok, %d failed)", models, models == 1 ? "" : "s",
                rows.size(), rows.size() == 1 ? "" : "s", d.ok.size(), failedRows));
        fact(h, "activations", String.join(", ", Specs.labels(ReportData.distinct(rows, Column.ACTIVATION)).values()));
        fact(h, "eval attacks", String.join("; ", d.attacks.stream().map(SpecText::display).toList()));
        fact(h, "strategies", String.join("; ", ReportData.distinct(rows, Column.STRATEGY).stream().map(SpecText::display).toList()));
        fact(h, "training attacks", String.join("; ", ReportData.distinct(rows, Column.TRAIN_ATTACK).stream().map(SpecText::display).toList()));
        fact(h, "harness", String.join(", ", ReportData.distinct(rows, Column.HARNESS_VERSION)));
        fact(h, "DJL", String.join(", ", ReportData.distinct(rows, Column.DJL_VERSION)));
        fact(h, "engine", String.join(", ", ReportData.distinct(rows, Column.ENGINE)));
        fact(h, "device", String.join(", ", ReportData.distinct(rows, Column.DEVICE)));
        fact(h, "dates", dateRange(rows));
        fact(h, "results file", source);
        h.append("<tr><th>regenerate</th><td><code>./robustgrid report ").append(Svg.esc(source)).append("</code></td></tr>\n");
        h.append("</table>\n</section>\n");
    }

    private static void fact(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(Svg.esc(name)).append("</th><td>").append(value.isEmpty() ? "–" : Svg.esc(value))
                .append("</td></tr>\n");
    }

    private static String plural(List<String> l) {
        return l.size() == 1 ? "" : "s";
    }

    private static String dateRange(List<ResultRow> rows) {
        TreeSet<Instant> when = new TreeSet<>();
        for (ResultRow r : rows) {
            try {
                when.add(Instant.parse(r.timestamp()));
            } catch (DateTimeParseException e) {
                // a row without a readable time stamp does not move the range
            }
        }
        if (when.isEmpty()) {
            return "";
        }
        String first = WHEN.format(when.first());
        String last = WHEN.format(when.last());
        return first.equals(last) ? first : first + " – " + last;
    }
}
