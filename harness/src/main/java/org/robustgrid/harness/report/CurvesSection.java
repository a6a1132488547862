package org.robustgrid.harness.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.AttackKind;
import org.robustgrid.harness.results.Outcomes;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.stats.RobustnessCurve;

/**
 * Robustness curves: for each minimum-norm attack, robust accuracy as a function of the budget ε from 0
 * to twice the row's budget, from the per-image minimal norms, one line per activation (the mean over its
 * models). The row's own number is where a curve crosses the dashed line.
 */
final class CurvesSection implements Section {

    /** Points of each curve, 0 to 2ε. */
    static final int POINTS = 21;

    private final ReportData d;

    CurvesSection(ReportData d) {
        this.d = d;
    }

    /** One curve: an attack at a budget, an activation, the number of models averaged. */
    record Curve(String attack, Budget budget, String activation, int models, double[] eps, double[] accuracy) {}

    static List<Curve> curves(ReportData d) {
        List<Curve> out = new ArrayList<>();
        if (d.outcomes == null) {
            return out;
        }
        for (String attack : d.attacks) {
            List<ResultRow> rows = d.activationRows().stream().filter(r -> r.attack().equals(attack)
                    && r.measures().kind() == AttackKind.MINIMUM_NORM && r.measures().budget().isPresent()).toList();
            if (rows.isEmpty()) {
                continue;
            }
            Budget budget = rows.get(0).measures().budget().get();
            double[] grid = RobustnessCurve.grid(budget.eps(), POINTS);
            Map<String, List<double[]>> byActivation = new LinkedHashMap<>();
            for (ResultRow r : rows) {
                Optional<Outcomes> o = d.outcomes.read(r.evalKey());
                o.ifPresent(x -> byActivation.computeIfAbsent(r.model().activation(), k -> new ArrayList<>())
                        .add(RobustnessCurve.accuracy(x.minimalNorms(budget.norm()), grid)));
            }
            for (Map.Entry<String, List<double[]>> e : byActivation.entrySet()) {
                double[] mean = new double[grid.length];
                for (double[] c : e.getValue()) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += c[i] / e.getValue().size();
                    }
                }
                out.add(new Curve(attack, budget, e.getKey(), e.getValue().size(), grid, mean));
            }
        }
        return out;
    }

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"curves\">\n<h2>Robustness curves: accuracy against the budget</h2>\n");
        List<Curve> curves = curves(d);
        if (curves.isEmpty()) {
            h.append("<p class=\"note\">No minimum-norm attack with stored per-image outcomes, so no curve to draw.</p>\n</section>\n");
            return;
        }
        Html.note(h, d.activationScope() + "Per minimum-norm attack, the share of eval images whose clean image is right and that the"
                + " attack cannot break with a perturbation of norm at most ε, for ε from 0 to twice the budget the rows are reported"
                + " at (dashed line). One line per activation, the mean over its models; also in curves.csv beside this page.");
        Map<String, List<Curve>> byAttack = new LinkedHashMap<>();
        curves.forEach(c -> byAttack.computeIfAbsent(c.attack(), k -> new ArrayList<>()).add(c));
        List<String> acts = d.rankedActivations(d.activationRows());
        Map<String, String> labels = Specs.labels(acts);
        for (Map.Entry<String, List<Curve>> e : byAttack.entrySet()) {
            Budget b = e.getValue().get(0).budget();
            List<LineChart.Line> lines = new ArrayList<>();
            for (Curve c : e.getValue()) {
                String label = labels.getOrDefault(c.activation(), c.activation()) + " (" + c.models() + " model" + (c.models() == 1 ? "" : "s") + ")";
                lines.add(new LineChart.Line(c.activation(), label, Svg.style(Math.max(0, acts.indexOf(c.activation()))), c.eps(),
                        c.accuracy()));
            }
            // the whole spec is too long for the chart's own title line: it goes in the caption above it
            h.append("<div class=\"figure\">\n<p class=\"caption\">").append(Svg.esc(SpecText.display(e.getKey()))).append("</p>\n")
                    .append(new LineChart("curve-" + Specs.id(e.getKey()), "Robust accuracy of " + Specs.id(e.getKey()) + " against the "
                            + b.norm().id() + " budget", "epsilon (" + b.norm().id() + ", [0,1] pixels)", "robust accuracy",
                            lines, 0, 1, b.eps()).svg()).append("</div>\n");
        }
        h.append("</section>\n");
    }

    /** The curves as CSV: attack, norm, activation, models, eps, robust accuracy. */
    static String csv(ReportData d) {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            p.printRecord("attack", "norm", "activation", "models", "eps", "robust_acc");
            for (Curve c : curves(d)) {
                for (int i = 0; i < c.eps().length; i++) {
                    p.printRecord(c.attack(), c.budget().norm().id(), c.activation(), c.models(), String.format(Locale.ROOT, "%.6f", c.eps()[i]),
                            String.format(Locale.ROOT, "%.6f", c.accuracy()[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
