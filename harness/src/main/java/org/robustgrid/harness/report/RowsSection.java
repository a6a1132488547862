package org.robustgrid.harness.report;

import java.util.List;
import java.util.function.Predicate;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;

/** A table of the rows that need a reader's attention: the failed ones, or completed ones with warnings. */
final class RowsSection implements Section {

    private final String id;
    private final String title;
    private final String none;
    private final String intro;
    private final List<ResultRow> rows;
    private final List<Column> columns;
    private final List<String> headings;

    private RowsSection(String id, String title, String none, String intro, List<ResultRow> rows, List<Column> columns,
            List<String> headings) {
        this.id = id;
        this.title = title;
        this.none = none;
        this.intro = intro;
        this.rows = rows;
        this.columns = columns;
        this.headings = headings;
    }

    /** Rows whose training or evaluation failed, with the reason. */
    static RowsSection failed(ReportData d) {
        return new RowsSection("failed", "Failed rows", "No failed rows.", "", select(d.rows, r -> !r.ok()),
                List.of(Column.ACTIVATION, Column.STRATEGY, Column.PARTITIONER, Column.SHARE, Column.SEED, Column.ATTACK, Column.STATUS,
                        Column.WARNING),
                List.of("activation", "strategy", "partitioner", "share", "seed", "attack", "status", "reason"));
    }

    /** Completed rows that the harness's checks warned about. */
    static RowsSection warnings(ReportData d) {
        return new RowsSection("warnings", "Warnings", "No warnings.",
                "Checks on evaluations that completed: robust accuracy above natural accuracy (a broken attack),"
                        + " a black-box attack (or a composite's black-box stage) beating white-box ones at the same budget (gradient masking"
                        + " suspected), a minimum-norm attack that fails on more than 5% of the images at any norm, and on composite"
                        + " attacks' rows AutoAttack's checks of the model (randomized output, softmax output, zero input gradients).",
                select(d.ok, r -> !r.warning().isBlank()),
                List.of(Column.ACTIVATION, Column.STRATEGY, Column.SEED, Column.ATTACK, Column.MODEL_KEY, Column.WARNING),
                List.of("activation", "strategy", "seed", "attack", "model key", "warning"));
    }

    private static List<ResultRow> select(List<ResultRow> rows, Predicate<ResultRow> keep) {
        return rows.stream().filter(keep).toList();
    }

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        if (rows.isEmpty()) {
            h.append("<p class=\"note\">").append(none).append("</p>\n</section>\n");
            return;
        }
        if (!intro.isEmpty()) {
            Html.note(h, intro);
        }
        h.append("<table class=\"").append(id).append("\">\n<tr>");
        for (String heading : headings) {
            h.append("<th>").append(heading).append("</th>");
        }
        h.append("</tr>\n");
        for (ResultRow r : rows) {
            h.append("<tr>");
            for (Column c : columns) {
                Html.cell(h, r.get(c), false);
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n</section>\n");
    }
}
