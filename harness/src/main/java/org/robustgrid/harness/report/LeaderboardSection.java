package org.robustgrid.harness.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;

/** The leaderboard as tables, one per eval attack. */
final class LeaderboardSection implements Section {

    private final ReportData d;

    LeaderboardSection(ReportData d) {
        this.d = d;
    }

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"leaderboard\">\n<h2>Leaderboard</h2>\n");
        Leaderboard board = Leaderboard.of(d.rows, d.outcomes);
        Map<String, List<ResultRow>> ranked = board.rankings();
        if (ranked.isEmpty()) {
            h.append("<p class=\"note\">No successful evaluations to rank.</p>\n");
        } else {
            Html.note(h, Leaderboard.RANK_NOTE + ". Accuracies are followed by their 95% Wilson intervals; robust accuracy counts an"
                    + " image when its clean image is right and the attack did not succeed within the row's budget.");
        }
        Map<String, String> acts = Specs.labels(ReportData.distinct(d.rows, Column.ACTIVATION));
        Map<String, String> strategies = Specs.labels(ReportData.distinct(d.rows, Column.STRATEGY));
        Map<String, String> parts = Specs.labels(ReportData.distinct(d.rows, Column.PARTITIONER));
        Map<String, String> trainAttacks = Specs.labels(ReportData.distinct(d.rows, Column.TRAIN_ATTACK));
        for (Map.Entry<String, List<ResultRow>> e : ranked.entrySet()) {
            h.append("<h3>").append(Svg.esc(d.attackLabels.getOrDefault(e.getKey(), e.getKey()))).append(" <span class=\"spec\">")
                    .append(Svg.esc(SpecText.display(e.getKey()))).append("</span></h3>\n");
            h.append("<table class=\"board\">\n<tr><th>rank</th><th>activation</th><th>LR</th><th>train attack</th><th>strategy</th>"
                    + "<th>partitioner</th><th>share</th><th>seed</th><th>natural [95% CI]</th><th>robust [95% CI]</th><th>success rate</th>"
                    + "<th>median L2</th><th>model key</th><th>warning</th></tr>\n");
            for (ResultRow r : e.getValue()) {
                h.append("<tr><td class=\"num\">").append(board.rank(r).map(String::valueOf).orElse("–")).append("</td>");
                Html.spec(h, r.model().activation(), acts);
                Html.cell(h, r.model().lrSchedule(), false);
                Html.spec(h, r.model().trainAttack(), trainAttacks);
                Html.spec(h, r.model().strategy(), strategies);
                Html.spec(h, r.model().partitioner(), parts);
                Html.cell(h, r.get(Column.SHARE), true);
                Html.cell(h, r.get(Column.SEED), true);
                Html.cell(h, Leaderboard.withInterval(r.measures().naturalAcc(), r.measures().naturalLow(), r.measures().naturalHigh()), true);
                Html.cell(h, Leaderboard.withInterval(r.measures().robustAcc(), r.measures().robustLow(), r.measures().robustHigh()), true);
                Html.cell(h, Svg.acc(r.measures().successRate()), true);
                double l2 = r.measures().medianL2();
                Html.cell(h, Double.isNaN(l2) ? "–" : String.format(Locale.ROOT, "%.4f", l2), true);
                h.append("<td><code>").append(Svg.esc(r.model().modelKey())).append("</code></td>");
                Html.cell(h, r.warning(), false);
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }
}
