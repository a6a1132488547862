package org.robustgrid.harness.results;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation: a trained model under one eval attack, with its provenance. Values are text as
 * written to the file; numbers are formatted in {@link Locale#ROOT}.
 */
public final class ResultRow {

    /** {@link Column#STATUS} of a completed evaluation. */
    public static final String OK = "ok";
    /** {@link Column#STATUS} of a cell whose training or evaluation failed; {@link Column#WARNING} holds why. */
    public static final String FAILED = "failed";

    private final Map<Column, String> values;

    private ResultRow(Map<Column, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A row from column values; absent columns are empty. */
    public static ResultRow of(Map<Column, String> values) {
        EnumMap<Column, String> copy = new EnumMap<>(Column.class);
        for (Column c : Column.values()) {
            copy.put(c, values.getOrDefault(c, ""));
        }
        return new ResultRow(copy);
    }

    public String get(Column c) {
        return values.get(c);
    }

    /** A numeric column, NaN when empty or not a number. */
    public double number(Column c) {
        try {
            return Double.parseDouble(values.get(c));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public Map<Column, String> values() {
        return values;
    }

    public boolean ok() {
        return OK.equals(values.get(Column.STATUS));
    }

    /** Fixed-precision text of a fraction or time, in {@link Locale#ROOT}; empty for NaN. */
    public static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultRow r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
