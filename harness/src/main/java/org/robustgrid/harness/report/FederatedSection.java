package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;

/** Federated models by (strategy, partitioner, sharing fraction), with centralized training of the same activations as reference lines. */
final class FederatedSection implements Section {

    private final ReportData d;

    FederatedSection(ReportData d) {
        this.d = d;
    }

    private record Key(String strategy, String partitioner, double share) {}

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"federated\">\n<h2>Federated training: IID, non-IID and data sharing</h2>\n");
        List<ResultRow> fed = d.ok.stream().filter(r -> r.model().federated()).toList();
        if (fed.isEmpty()) {
            h.append("<p class=\"note\">No federated rows in this results file (every strategy is centralized),"
                    + " so there is no IID against non-IID comparison to draw.</p>\n</section>\n");
            return;
        }
        List<String> strategies = ReportData.distinct(fed, Column.STRATEGY);
        Map<String, String> strategyLabels = Specs.labels(strategies);
        Map<String, String> partLabels = Specs.labels(ReportData.distinct(fed, Column.PARTITIONER));
        List<String> partOrder = ReportData.distinct(fed, Column.PARTITIONER);
        List<Key> keys = new ArrayList<>(new LinkedHashSet<>(
                fed.stream().map(r -> new Key(r.model().strategy(), r.model().partitioner(), r.model().share())).toList()));
        keys.sort(Comparator.comparingInt((Key k) -> strategies.indexOf(k.strategy()))
                .thenComparingInt(k -> partOrder.indexOf(k.partitioner()))
                .thenComparingDouble(Key::share));
        List<String> fedAttacks = d.attacks.stream().filter(a -> fed.stream().anyMatch(r -> a.equals(r.attack()))).toList();
        List<BarChart.Series> series = d.series(fedAttacks);
        double[][] v = new double[keys.size()][series.size()];
        double[][] low = new double[keys.size()][series.size()];
        double[][] high = new double[keys.size()][series.size()];
        String[][] tips = new String[keys.size()][series.size()];
        List<BarChart.Item> groups = new ArrayList<>();
        for (int g = 0; g < keys.size(); g++) {
            Key k = keys.get(g);
            String share = org.robustgrid.harness.spi.Params.format(k.share());
            String label = (strategies.size() > 1 ? strategyLabels.get(k.strategy()) + " · " : "") + partLabels.get(k.partitioner())
                    + " · share " + share;
            groups.add(new BarChart.Item(k.strategy() + " | " + k.partitioner() + " | share=" + share, label));
            List<ResultRow> group = fed.stream().filter(r -> k.equals(new Key(r.model().strategy(), r.model().partitioner(),
                    r.model().share()))).toList();
            ReportData.fill(v, low, high, tips, g, label, series, group);
        }
        List<BarChart.Reference> refs = new ArrayList<>();
        String refNote = references(fed, series, refs);
        h.append("<p class=\"note\">Groups are (partitioner, sharing fraction)")
                .append(strategies.size() > 1 ? ", per federated strategy" : " under " + Svg.esc(strategyLabels.get(strategies.get(0))))
                .append(". The sharing fraction is the size of the class-balanced global slice each client receives, relative to its"
                        + " local data (0: no sharing). Bars are means over activations, seeds and other settings. ")
                .append(Svg.esc(ReportData.WHISKERS)).append(' ')
                .append(Svg.esc(refNote)).append("</p>\n");
        h.append("<div class=\"figure\">\n")
                .append(new BarChart("federated", "Federated: natural and robust accuracy by partition and data sharing",
                        "partitioner · sharing fraction", groups, series, v, low, high, tips, refs).svg())
                .append("</div>\n</section>\n");
    }

    /** Compares like with like: centralized models of the activations that were also trained federated. Returns the note. */
    private String references(List<ResultRow> fed, List<BarChart.Series> series, List<BarChart.Reference> refs) {
        Set<String> fedActs = new LinkedHashSet<>(ReportData.distinct(fed, Column.ACTIVATION));
        List<ResultRow> central = d.ok.stream().filter(r -> !r.model().federated() && fedActs.contains(r.model().activation())).toList();
        if (central.isEmpty()) {
            return d.ok.stream().anyMatch(r -> !r.model().federated())
                    ? "No centralized model uses the activations trained here, so no centralized reference is drawn."
                    : "No centralized rows, so no centralized reference is drawn.";
        }
        refs.add(new BarChart.Reference("centralized natural",
                ReportData.Mean.of(ReportData.onePerModel(central), r -> true, Column.NATURAL_ACC).mean(), series.get(0).style().color()));
        for (int s = 1; s < series.size(); s++) {
            String att = series.get(s).key();
            ReportData.Mean m = ReportData.Mean.of(central, r -> att.equals(r.attack()), Column.ROBUST_ACC);
            if (m.n() > 0) {
                refs.add(new BarChart.Reference("centralized " + d.attackLabels.get(att), m.mean(), series.get(s).style().color()));
            }
        }
        return "Dashed lines: the same measures for centralized training of the same activation" + (fedActs.size() == 1 ? "" : "s")
                + " (" + String.join(", ", Specs.labels(fedActs).values()) + ").";
    }
}
