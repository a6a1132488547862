package org.robustgrid.harness.results;

import java.util.Locale;

/** What kind of number a row's robust accuracy is; a fact recorded when the row is written (schema 3). */
public enum AttackKind {
    /** An attack that projects into its budget. */
    BOUNDED,
    /** A minimum-norm attack (C&amp;W, DeepFool), counted as successful only within the row's budget. */
    MINIMUM_NORM,
    /** The worst case per image over the attacks reported at one budget. */
    WORST_CASE,
    /** Not recorded (rows of older schemas, failed rows). */
    UNKNOWN;

    /** The file form: {@code bounded}, {@code minimum-norm}, {@code worst-case}, empty for unknown. */
    public String text() {
        return this == UNKNOWN ? "" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static AttackKind of(String text) {
        for (AttackKind k : values()) {
            if (k.text().equals(text)) {
                return k;
            }
        }
        return UNKNOWN;
    }
}
