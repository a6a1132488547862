package org.robustgrid.harness.report;

import java.util.List;
import java.util.Map;
import org.robustgrid.harness.results.ResultRow;

/** Natural against robust accuracy per activation, one bar group per activation. */
final class ActivationsSection implements Section {

    private final ReportData d;

    ActivationsSection(ReportData d) {
        this.d = d;
    }

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"activations\">\n<h2>Natural and robust accuracy per activation</h2>\n");
        List<ResultRow> scope = d.activationRows();
        if (scope.isEmpty()) {
            h.append("<p class=\"note\">No successful evaluations to draw.</p>\n</section>\n");
            return;
        }
        List<String> acts = d.rankedActivations(scope);
        Map<String, String> labels = Specs.labels(acts);
        List<BarChart.Series> series = d.series(d.attacks);
        double[][] v = new double[acts.size()][series.size()];
        double[][] low = new double[acts.size()][series.size()];
        double[][] high = new double[acts.size()][series.size()];
        String[][] tips = new String[acts.size()][series.size()];
        for (int g = 0; g < acts.size(); g++) {
            String a = acts.get(g);
            ReportData.fill(v, low, high, tips, g, labels.get(a), series, scope.stream().filter(r -> a.equals(r.model().activation())).toList());
        }
        List<BarChart.Item> groups = acts.stream().map(a -> new BarChart.Item(a, labels.get(a))).toList();
        Html.note(h, d.activationScope()
                + "Each bar is the mean over the models that share the activation (seeds, learning-rate schedules, training attacks);"
                + " hover a bar for the number of models and their range. Activations are ordered by mean robust accuracy, best first. "
                + ReportData.WHISKERS);
        h.append("<div class=\"figure\">\n")
                .append(new BarChart("activations", "Natural and robust accuracy by activation", "activation", groups, series, v, low, high, tips,
                        List.of()).svg())
                .append("</div>\n</section>\n");
    }
}
