package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.checkpoint.TrainingLog;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.ResultRow;

/**
 * Training curves from the checkpoints' training logs: the mean training loss against the step, one line
 * per model, one chart per learning-rate schedule, coloured by activation; then every model whose
 * training diverged, with the last loss it logged.
 */
final class TrainingSection implements Section {

    private final ReportData d;

    TrainingSection(ReportData d) {
        this.d = d;
    }

    @Override
    public void render(StringBuilder h) {
        h.append("<section id=\"training\">\n<h2>Training curves</h2>\n");
        if (d.logs.isEmpty()) {
            h.append("<p class=\"note\">No training logs beside this results file (checkpoints/KEY.log.csv), so no curve to draw.</p>\n");
        } else {
            Html.note(h, "Mean training loss (the strategy's loss on clean, adversarial and noisy copies) over the steps since the"
                    + " previous reading, one line per model. Accuracy columns, where logged, are on the training batch in inference mode.");
            Map<String, List<ResultRow>> bySchedule = new LinkedHashMap<>();
            for (ResultRow r : ReportData.onePerModel(d.rows)) {
                if (d.logs.containsKey(r.model().modelKey())) {
                    bySchedule.computeIfAbsent(r.model().lrSchedule(), k -> new ArrayList<>()).add(r);
                }
            }
            List<String> acts = ReportData.distinct(d.rows, org.robustgrid.harness.results.Column.ACTIVATION);
            Map<String, String> labels = Specs.labels(acts);
            double top = 0;
            for (TrainingLog log : d.logs.values()) {
                for (TrainingLog.Entry e : log.entries()) {
                    top = Double.isFinite(e.loss()) ? Math.max(top, e.loss()) : top;
                }
            }
            for (Map.Entry<String, List<ResultRow>> e : bySchedule.entrySet()) {
                List<LineChart.Line> loss = new ArrayList<>();
                List<LineChart.Line> adversarial = new ArrayList<>();
                for (ResultRow r : e.getValue()) {
                    List<TrainingLog.Entry> entries = d.logs.get(r.model().modelKey()).entries();
                    double[] x = entries.stream().mapToDouble(TrainingLog.Entry::step).toArray();
                    String label = labels.getOrDefault(r.model().activation(), r.model().activation()) + " " + SpecText.display(r.model().strategy())
                            + " seed " + r.model().seed() + " (" + r.model().modelKey() + ")";
                    Svg.Style style = Svg.style(acts.indexOf(r.model().activation()));
                    loss.add(new LineChart.Line(r.model().modelKey(), label, style, x,
                            entries.stream().mapToDouble(TrainingLog.Entry::loss).toArray()));
                    double[] adv = entries.stream().mapToDouble(TrainingLog.Entry::adversarialAccuracy).toArray();
                    if (java.util.Arrays.stream(adv).anyMatch(v -> !Double.isNaN(v))) {
                        adversarial.add(new LineChart.Line(r.model().modelKey(), label, style, x, adv));
                    }
                }
                h.append("<div class=\"figure\">\n").append(new LineChart("training-" + e.getKey(), "Training loss, learning rate " + e.getKey(),
                        "step", "loss", loss, 0, Math.max(top, 1e-9), Double.NaN).svg()).append("</div>\n");
                if (!adversarial.isEmpty()) {
                    h.append("<div class=\"figure\">\n").append(new LineChart("training-adv-" + e.getKey(), "Accuracy on the adversarial"
                            + " training batch, learning rate " + e.getKey(), "step", "accuracy", adversarial, 0, 1, Double.NaN).svg())
                            .append("</div>\n");
                }
            }
        }
        List<ResultRow> diverged = ReportData.onePerModel(d.rows.stream().filter(r -> !r.ok() && r.warning().contains("loss became")).toList());
        if (!diverged.isEmpty()) {
            h.append("<h3>Models whose training diverged</h3>\n<table class=\"diverged\">\n<tr><th>activation</th><th>LR</th><th>strategy</th>"
                    + "<th>seed</th><th>why</th></tr>\n");
            for (ResultRow r : diverged) {
                h.append("<tr>");
                Html.cell(h, SpecText.display(r.model().activation()), false);
                Html.cell(h, r.model().lrSchedule(), false);
                Html.cell(h, SpecText.display(r.model().strategy()), false);
                Html.cell(h, Long.toString(r.model().seed()), true);
                Html.cell(h, r.warning(), false);
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }
}
