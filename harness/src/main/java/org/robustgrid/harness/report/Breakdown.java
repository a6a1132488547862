package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.Outcomes;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.Stages;

/**
 * The breakdown of a composite attack's row as AutoAttack prints it: the clean accuracy, then the robust accuracy
 * after each stage with the stage's time, and the total. Read from the stages stored beside the row's per-image
 * outcomes.
 *
 * @param row the row
 * @param clean accuracy on the clean eval images
 * @param names the stages in order
 * @param robustAfter robust accuracy after each stage
 * @param broken images each stage broke
 * @param seconds each stage's time
 */
record Breakdown(ResultRow row, double clean, List<String> names, double[] robustAfter, int[] broken, double[] seconds) {

    /** The breakdown of {@code row}; empty when it is no composite attack's or its files are not stored. */
    static Optional<Breakdown> of(ResultRow row, OutcomeStore store) {
        if (store == null || !row.ok()) {
            return Optional.empty();
        }
        Optional<Stages> stages = store.readStages(row.evalKey());
        Optional<Outcomes> outcomes = stages.isPresent() ? store.read(row.evalKey()) : Optional.empty();
        if (stages.isEmpty() || outcomes.isEmpty()) {
            return Optional.empty();
        }
        boolean[] clean = outcomes.get().clean();
        long right = 0;
        for (boolean c : clean) {
            right += c ? 1 : 0;
        }
        Stages s = stages.get();
        return Optional.of(new Breakdown(row, (double) right / clean.length, s.names(), s.robustAfter(clean), s.broken(), s.seconds()));
    }

    /** The breakdowns of the rows that have one, in the rows' order. */
    static List<Breakdown> of(List<ResultRow> rows, OutcomeStore store) {
        List<Breakdown> out = new ArrayList<>();
        rows.forEach(r -> of(r, store).ifPresent(out::add));
        return out;
    }

    double totalSeconds() {
        double t = 0;
        for (double s : seconds) {
            t += s;
        }
        return t;
    }

    /** One line: {@code clean 0.8100 | apgd-ce 0.6000 (12.3 s) | ... | total 95.0 s}. */
    String line() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "clean %.4f", clean));
        for (int s = 0; s < names.size(); s++) {
            sb.append(String.format(Locale.ROOT, " | %s %.4f (%.1f s)", names.get(s), robustAfter[s], seconds[s]));
        }
        return sb.append(String.format(Locale.ROOT, " | total %.1f s", totalSeconds())).toString();
    }
}
