package org.robustgrid.harness.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robustgrid.harness.spi.SpecException;

/**
 * The one printer of specs for people: wherever a spec is shown (progress lines, leaderboard, report),
 * it is shown as a user writes it ({@code pgd(eps=8/255,steps=20)}), not as the canonical form stores it
 * ({@code pgd(eps=0.03137254901960784,steps=20)}). Keys and results files keep the canonical form.
 */
public final class SpecText {

    /** Smallest first, so that a value gets its lowest terms. */
    private static final int[] DENOMINATORS = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 255};

    private SpecText() {}

    /** A spec as a person reads it: every parameter, values as fractions where they are; the text itself when it is no spec. */
    public static String display(String spec) {
        PluginSpec parsed;
        try {
            parsed = PluginSpec.parse(spec);
        } catch (SpecException e) {
            return spec;
        }
        if (parsed.raw().isEmpty()) {
            return spec;
        }
        List<String> parts = new ArrayList<>();
        parsed.raw().forEach((k, v) -> parts.add(k + "=" + value(v)));
        return parsed.id() + "(" + String.join(",", parts) + ")";
    }

    /**
     * A parameter value for reading: a long real that is a simple fraction as that fraction
     * ({@code 1/3}, {@code 8/255}: budgets are written in 255ths of the pixel range), other long reals
     * to four significant digits, anything else as written.
     */
    public static String value(String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
        if (v.length() <= 6 || Double.isNaN(d) || Double.isInfinite(d)) {
            return v;
        }
        if (d > 0 && d < 1) {
            for (int den : DENOMINATORS) {
                double k = d * den;
                if (Math.abs(k - Math.rint(k)) < 1e-9) {
                    return (long) Math.rint(k) + "/" + den;
                }
            }
        }
        String s = String.format(Locale.ROOT, "%.4g", d);
        return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
