package org.robustgrid.harness.report;

import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.spi.SpecException;

/**
 * Which activations differ from ReLU, per eval attack, against the seed noise ({@link ActivationComparison},
 * as {@code robustgrid compare} prints it). Drawn when the rows have ReLU, another activation and two seeds.
 */
final class ComparisonSection implements Section {

    /** The baseline the page compares with: the study's. */
    static final String BASELINE = "relu";

    private final List<ActivationComparison.Attack> attacks;

    ComparisonSection(ReportData d) {
        List<ActivationComparison.Attack> found;
        try {
            found = ActivationComparison.of(d.rows, BASELINE);
        } catch (SpecException e) {
            found = List.of(); // no ReLU, one activation or one seed: nothing to compare
        }
        this.attacks = found;
    }

    @Override
    public void render(StringBuilder h) {
        if (attacks.isEmpty()) {
            return;
        }
        h.append("<section id=\"compare\">\n<h2>Activations against ReLU</h2>\n");
        Html.note(h, "Each activation paired with ReLU in every setting (schedule, recipe, strategy) and seed both have: models of one"
                + " seed start from the same draws, so their difference cancels much of what the seed does. delta: robust accuracy minus"
                + " ReLU's: its mean, the mean's 95% interval (simultaneous over the activations, Bonferroni) and its range over the pairs."
                + " The test weighs the mean delta against the deltas' own spread over the seeds and settings (paired t, df = pairs − 1),"
                + " Holm-adjusted over the activations at 0.05: two seeds of one activation also differ, so a difference smaller than"
                + " that spread is not read as the activation's. Regenerate as text with ./robustgrid compare RESULTS_CSV.");
        for (ActivationComparison.Attack a : attacks) {
            h.append("<h3>").append(Svg.esc(SpecText.display(a.attack()))).append(String.format(Locale.ROOT,
                    " <span class=\"spec\">%d images; ReLU seed sd %.4f</span></h3>%n", a.images(), a.baselineSd()));
            h.append("<table class=\"board\">\n<tr><th>activation</th><th>pairs</th><th>robust</th><th>ReLU</th><th>delta</th>"
                    + "<th>95% CI of delta</th><th>delta per pair</th><th>sd of delta</th><th>t</th><th>df</th><th>p (Holm)</th><th>verdict</th></tr>\n");
            for (ActivationComparison.Line l : a.lines()) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%d</td><td class=\"num\">%.4f</td><td class=\"num\">%.4f</td>"
                        + "<td class=\"num\">%+.4f</td><td class=\"num\">%+.4f .. %+.4f</td><td class=\"num\">%+.4f .. %+.4f</td><td class=\"num\">%.4f</td><td class=\"num\">%.2f</td>"
                        + "<td class=\"num\">%.1f</td><td class=\"num\">%.4f</td><td>%s</td></tr>%n", Svg.esc(SpecText.display(l.activation())),
                        l.pairs(), l.robust(), l.baseline(), l.delta(), l.low(), l.high(), l.lowest(), l.highest(), l.sd(), l.t(), l.df(), l.p(),
                        l.verdict()));
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }
}
