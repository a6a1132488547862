package org.robustgrid.harness.report;

import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.plugin.SpecText;

/** The breakdown of each composite attack's row (AutoAttack): robust accuracy after each stage and time per stage. */
final class BreakdownSection implements Section {

    private final List<Breakdown> breakdowns;

    BreakdownSection(ReportData d) {
        this.breakdowns = Breakdown.of(d.ok, d.outcomes);
    }

    @Override
    public void render(StringBuilder h) {
        if (breakdowns.isEmpty()) {
            return;
        }
        h.append("<section id=\"breakdown\">\n<h2>Composite attacks, stage by stage</h2>\n");
        Html.note(h, "Each stage runs only on the images the stages before it left robust (AutoAttack's cascade): robust accuracy after"
                + " each stage, the images it broke, and its time on this machine.");
        for (Breakdown b : breakdowns) {
            h.append("<h3>").append(Svg.esc(SpecText.display(b.row().attack()))).append(" <span class=\"spec\">")
                    .append(Svg.esc(SpecText.display(b.row().model().activation()))).append(", seed ").append(b.row().model().seed())
                    .append("</span></h3>\n<table class=\"board\">\n<tr><th>after</th><th>robust accuracy</th><th>broken</th><th>seconds</th></tr>\n");
            h.append(String.format(Locale.ROOT, "<tr><td>clean</td><td class=\"num\">%.4f</td><td></td><td></td></tr>%n", b.clean()));
            for (int s = 0; s < b.names().size(); s++) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"num\">%.4f</td><td class=\"num\">%d</td><td class=\"num\">%.1f</td></tr>%n",
                        Svg.esc(b.names().get(s)), b.robustAfter()[s], b.broken()[s], b.seconds()[s]));
            }
            h.append(String.format(Locale.ROOT, "<tr><td>total</td><td></td><td></td><td class=\"num\">%.1f</td></tr>%n</table>%n",
                    b.totalSeconds()));
        }
        h.append("</section>\n");
    }
}
