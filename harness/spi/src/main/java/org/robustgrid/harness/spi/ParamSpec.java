package org.robustgrid.harness.spi;

import java.util.List;
import java.util.Locale;

/**
 * One declared parameter of a plugin.
 *
 * @param name the key used in specs, lower-kebab ({@link Names}): {@code eps}, {@code random-start}
 * @param type the value type
 * @param defaultValue the default, in spec syntax
 * @param min the smallest allowed value of a number (inclusive), or null
 * @param max the largest allowed value of a number (inclusive), or null
 * @param choices the allowed values of a {@link Type#CHOICE}, else empty
 * @param doc one line of help
 * @param aliases other keys accepted for this parameter (another library's name for it); a value
 *     given under an alias is stored, and written in the canonical spec, under {@link #name}, so an
 *     alias never changes a key
 * @throws IllegalArgumentException when {@code name} is not lower-kebab
 */
public record ParamSpec(String name, Type type, String defaultValue, Double min, Double max, List<String> choices, String doc,
        List<String> aliases) {

    /** Value types. Reals accept fractions such as {@code 8/255}. */
    public enum Type {
        REAL,
        INT,
        BOOL,
        CHOICE,
        /** Any non-empty text, such as a plugin spec; its owner checks the meaning. */
        TEXT
    }

    public ParamSpec {
        if (!Names.isLowerKebab(name)) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not " + Names.RULE);
        }
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

    /** A parameter taking any non-empty text (a plugin spec, a path); its owner checks what it means. */
    public static ParamSpec text(String name, String defaultValue, String doc) {
        return new ParamSpec(name, Type.TEXT, defaultValue, null, null, List.of(), doc, List.of());
    }

    /**
     * Checks one value against this declaration and returns its normalized text: reals in shortest exact
     * decimal form ({@code 8/255} becomes {@code 0.03137254901960784}), everything else as written.
     *
     * @param text the value as written, trimmed
     * @param where what the value belongs to, for messages: {@code parameter 'eps' of 'pgd'}
     * @throws SpecException naming {@code where}, the value, and what is accepted
     */
    public String normalize(String text, String where) {
        switch (type) {
            case REAL -> {
                double v = Params.parseReal(text);
                if (Double.isNaN(v) || v < min || v > max) {
                    throw rejected(text, where);
                }
                return Params.format(v);
            }
            case INT -> {
                long v;
                try {
                    v = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw rejected(text, where);
                }
                if (v < min || v > max) {
                    throw rejected(text, where);
                }
                return Long.toString(v);
            }
            case BOOL -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw rejected(text, where);
                }
                return text;
            }
            case CHOICE -> {
                if (!choices.contains(text)) {
                    throw rejected(text, where);
                }
                return text;
            }
            case TEXT -> {
                if (text.isBlank()) {
                    throw rejected(text, where);
                }
                return text;
            }
            default -> throw new AssertionError(type);
        }
    }

    private SpecException rejected(String text, String where) {
        return new SpecException(where + " is '" + text + "'; expected " + accepted());
    }

    /** What values are accepted, for messages and help: {@code a real in [0, 1]}. */
    public String accepted() {
        return switch (type) {
            case REAL -> "a real in [" + Params.format(min) + ", " + Params.format(max) + "]";
            case INT -> "an integer in [" + (long) (double) min + ", " + (long) (double) max + "]";
            case BOOL -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case TEXT -> "a non-empty text";
        };
    }

    /** {@code name=default (type) doc}, for listings; aliases follow the doc. */
    public String describe() {
        String alias = aliases.isEmpty() ? "" : " (also accepted as: " + String.join(", ", aliases) + ")";
        return String.format(Locale.ROOT, "%s=%s  %s; %s%s", name, defaultValue, accepted(), doc, alias);
    }
}
