package org.robustgrid.harness.report;

import java.util.List;
import java.util.Map;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;

/** Robust accuracy as an activation × eval attack heat map. */
final class HeatMapSection implements Section {

    private final ReportData d;

    HeatMapSection(ReportData d) {
        this.d = d;
    }

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"heatmap\">\n<h2>Robust accuracy: activation × attack</h2>\n");
        List<ResultRow> scope = d.activationRows();
        if (scope.isEmpty()) {
            h.append("<p class=\"note\">No successful evaluations to draw.</p>\n</section>\n");
            return;
        }
        List<String> acts = d.rankedActivations(scope);
        Map<String, String> labels = Specs.labels(acts);
        double[][] v = new double[acts.size()][d.attacks.size()];
        String[][] tips = new String[acts.size()][d.attacks.size()];
        for (int r = 0; r < acts.size(); r++) {
            String a = acts.get(r);
            for (int c = 0; c < d.attacks.size(); c++) {
                String att = d.attacks.get(c);
                ReportData.Mean m = ReportData.Mean.of(scope, x -> a.equals(x.model().activation()) && att.equals(x.attack()),
                        Column.ROBUST_ACC);
                v[r][c] = m.mean();
                tips[r][c] = labels.get(a) + " under " + att + ": " + m.describe("model");
            }
        }
        Html.note(h, d.activationScope() + "Mean robust accuracy; rows sorted by their mean over attacks, best first. The color scale"
                + " spans the values shown (see its key).");
        h.append("<div class=\"figure\">\n")
                .append(new HeatMap("heatmap", "Robust accuracy by activation and eval attack",
                        acts.stream().map(a -> new BarChart.Item(a, labels.get(a))).toList(),
                        d.attacks.stream().map(a -> new BarChart.Item(a, d.attackLabels.get(a))).toList(), v, tips).svg())
                .append("</div>\n</section>\n");
    }
}
