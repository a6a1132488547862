package org.robustgrid.harness.results;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation: a trained model under one eval attack, with its provenance, as typed values. The file
 * form of each value is {@link Column}'s business.
 *
 * @param model the model's facts
 * @param attack the eval attack's canonical spec
 * @param evalKey the evaluation's content hash: a rerun skips a key already recorded
 * @param training the model's size and training cost
 * @param measures what the evaluation measured
 * @param provenance what produced the row
 * @param status whether the evaluation completed
 * @param warning why it failed, or the checks' warnings on a completed one; empty for none
 * @param timestamp when the row was written, ISO-8601 UTC
 */
public record ResultRow(
        ModelFacts model, String attack, String evalKey, Training training, Measures measures, Provenance provenance, Status status,
        String warning, String timestamp) {

    /** Whether an evaluation completed. */
    public enum Status {
        OK,
        FAILED;

        /** The file form: {@code ok}, {@code failed}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@link Column#STATUS} text of a completed evaluation. */
    public static final String OK = Status.OK.text();
    /** {@link Column#STATUS} text of a failed one. */
    public static final String FAILED = Status.FAILED.text();

    public boolean ok() {
        return status == Status.OK;
    }

    /** A column as written to the file. */
    public String get(Column c) {
        return c.text(this);
    }

    /** A numeric column, NaN when empty. */
    public double number(Column c) {
        String t = c.text(this);
        try {
            return t.isEmpty() ? Double.NaN : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Every column as written to the file. */
    public Map<Column, String> values() {
        Map<Column, String> out = new EnumMap<>(Column.class);
        for (Column c : Column.values()) {
            out.put(c, c.text(this));
        }
        return out;
    }

    /** A row from its file form (what readers do); absent columns are empty, an older schema's rows are upgraded. */
    public static ResultRow of(Map<Column, String> values) {
        return RowCodec.decode(values);
    }

    /** Fixed-precision text of a fraction or time, in {@link Locale#ROOT}; empty for NaN. */
    public static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
