package org.robustgrid.harness.spi;

import java.util.List;
import java.util.Locale;

/**
 * One declared parameter of a plugin.
 *
 * @param name the key used in specs, lower camel or lower-kebab
 * @param type the value type
 * @param defaultValue the default, in spec syntax
 * @param min the smallest allowed value of a number (inclusive), or null
 * @param max the largest allowed value of a number (inclusive), or null
 * @param choices the allowed values of a {@link Type#CHOICE}, else empty
 * @param doc one line of help
 * @param aliases other keys accepted for this parameter (another library's name for it); a value
 *     given under an alias is stored, and written in the canonical spec, under {@link #name}, so an
 *     alias never changes a key
 */
public record ParamSpec(String name, Type type, String defaultValue, Double min, Double max, List<String> choices, String doc,
        List<String> aliases) {

    /** Value types. Reals accept fractions such as {@code 8/255}. */
    public enum Type {
        REAL,
        INT,
        BOOL,
        CHOICE
    }

    public ParamSpec {
        choices = List.copyOf(choices);
        aliases = List.copyOf(aliases);
    }

    /** This parameter, also accepted under {@code alias}. */
    public ParamSpec withAlias(String alias) {
        List<String> all = new java.util.ArrayList<>(aliases);
        all.add(alias);
        return new ParamSpec(name, type, defaultValue, min, max, choices, doc, all);
    }

    /** A real parameter in {@code [min, max]}. */
    public static ParamSpec real(String name, double defaultValue, double min, double max, String doc) {
        return new ParamSpec(name, Type.REAL, Params.format(defaultValue), min, max, List.of(), doc, List.of());
    }

    /** An integer parameter in {@code [min, max]}. */
    public static ParamSpec integer(String name, long defaultValue, long min, long max, String doc) {
        return new ParamSpec(name, Type.INT, Long.toString(defaultValue), (double) min, (double) max, List.of(), doc, List.of());
    }

    /** A boolean parameter ({@code true} or {@code false}). */
    public static ParamSpec bool(String name, boolean defaultValue, String doc) {
        return new ParamSpec(name, Type.BOOL, Boolean.toString(defaultValue), null, null, List.of(), doc, List.of());
    }

    /** A parameter taking one of a fixed set of words. */
    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String doc) {
        return new ParamSpec(name, Type.CHOICE, defaultValue, null, null, choices, doc, List.of());
    }

    /** What values are accepted, for messages and help: {@code a real in [0, 1]}. */
    public String accepted() {
        return switch (type) {
            case REAL -> "a real in [" + Params.format(min) + ", " + Params.format(max) + "]";
            case INT -> "an integer in [" + (long) (double) min + ", " + (long) (double) max + "]";
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    /** {@code name=default (type) doc}, for listings; aliases follow the doc. */
    public String describe() {
        String alias = aliases.isEmpty() ? "" : " (also accepted as: " + String.join(", ", aliases) + ")";
        return String.format(Locale.ROOT, "%s=%s  %s; %s%s", name, defaultValue, accepted(), doc, alias);
    }
}
