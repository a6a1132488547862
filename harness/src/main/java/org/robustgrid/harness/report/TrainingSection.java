package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.robustgrid.harness.checkpoint.TrainingLog;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.spi.Params;

/**
 * Training curves from the checkpoints' training logs: the mean training loss against the step, one line
 * per model, one chart per learning-rate schedule, coloured by activation (by strategy, or by partition, in a grid of
 * one activation); then every model whose training diverged, with the last loss it logged.
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
            Colouring colouring = Colouring.of(d.rows);
            LossAxis axis = lossAxis(d.logs.values());
            double top = axis.top();
            if (axis.largest() > top) {
                Html.note(h, String.format(Locale.ROOT, "The loss axis ends at %.3g, three times the largest loss any model logged over"
                        + " the second half of its training; readings above it (the largest is %.3g) are drawn at its top.", top, axis.largest()));
            }
            if (colouring.varies()) {
                Html.note(h, "Lines are coloured by " + colouring.what + ".");
            }
            for (Map.Entry<String, List<ResultRow>> e : bySchedule.entrySet()) {
                List<LineChart.Line> loss = new ArrayList<>();
                List<LineChart.Line> adversarial = new ArrayList<>();
                for (ResultRow r : e.getValue()) {
                    List<TrainingLog.Entry> entries = d.logs.get(r.model().modelKey()).entries();
                    double[] x = entries.stream().mapToDouble(TrainingLog.Entry::step).toArray();
                    String label = colouring.labels.getOrDefault(r.model().activation(), r.model().activation()) + " "
                            + SpecText.display(r.model().strategy()) + partition(r) + " seed " + r.model().seed() + " (" + r.model().modelKey() + ")";
                    Svg.Style style = colouring.style(r);
                    loss.add(new LineChart.Line(r.model().modelKey(), label, style, x,
                            entries.stream().mapToDouble(TrainingLog.Entry::loss).toArray()));
                    double[] adv = entries.stream().mapToDouble(TrainingLog.Entry::adversarialAccuracy).toArray();
                    if (Arrays.stream(adv).anyMatch(v -> !Double.isNaN(v))) {
                        adversarial.add(new LineChart.Line(r.model().modelKey(), label, style, x, adv));
                    }
                }
                h.append("<div class=\"figure\">\n").append(new LineChart("training-" + e.getKey(), "Training loss, learning rate " + e.getKey(),
                        "step", "loss", loss, 0, top, Double.NaN).svg()).append("</div>\n");
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

    /** {@code · partitioner · share} for a federated model, empty for a centralized one. */
    private static String partition(ResultRow r) {
        return r.model().federated() ? " · " + SpecText.display(r.model().partitioner()) + " · share " + Params.format(r.model().share()) : "";
    }

    /**
     * The loss axis of the training charts.
     *
     * @param top where the axis ends
     * @param largest the largest finite loss any model logged
     */
    record LossAxis(double top, double largest) {}

    /**
     * The loss axis: its top is three times the largest loss logged over the second half of any model's readings
     * (a model that blew up early, at 10^11, does not flatten every other line), or the largest loss when that is lower.
     */
    static LossAxis lossAxis(Collection<TrainingLog> logs) {
        double largest = 0;
        double late = 0;
        for (TrainingLog log : logs) {
            List<TrainingLog.Entry> entries = log.entries();
            for (int i = 0; i < entries.size(); i++) {
                double loss = entries.get(i).loss();
                if (Double.isFinite(loss)) {
                    largest = Math.max(largest, loss);
                    late = i >= entries.size() / 2 ? Math.max(late, loss) : late;
                }
            }
        }
        double top = late > 0 ? Math.min(largest, 3 * late) : largest;
        return new LossAxis(Math.max(top, 1e-9), largest);
    }

    /** What the lines' colours tell apart: the activation when the rows have several, else the strategy, else the partition. */
    private static final class Colouring {
        final String what;
        final Map<String, String> labels;
        private final Function<ResultRow, String> key;
        private final List<String> values;

        private Colouring(String what, Function<ResultRow, String> key, List<ResultRow> rows, Map<String, String> labels) {
            this.what = what;
            this.key = key;
            this.values = rows.stream().map(key).distinct().toList();
            this.labels = labels;
        }

        static Colouring of(List<ResultRow> rows) {
            List<String> acts = ReportData.distinct(rows, Column.ACTIVATION);
            Map<String, String> labels = Specs.labels(acts);
            if (acts.size() > 1) {
                return new Colouring("activation", r -> r.model().activation(), rows, labels);
            }
            if (rows.stream().map(r -> r.model().strategy()).distinct().count() > 1) {
                return new Colouring("strategy", r -> r.model().strategy(), rows, labels);
            }
            if (rows.stream().map(TrainingSection::partition).distinct().count() > 1) {
                return new Colouring("partitioner and sharing fraction", TrainingSection::partition, rows, labels);
            }
            return new Colouring("activation", r -> r.model().activation(), rows, labels);
        }

        /** Whether the colours tell anything apart. */
        boolean varies() {
            return values.size() > 1;
        }

        Svg.Style style(ResultRow r) {
            return Svg.style(values.indexOf(key.apply(r)));
        }
    }
}
