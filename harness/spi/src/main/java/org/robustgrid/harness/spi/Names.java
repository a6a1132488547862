package org.robustgrid.harness.spi;

import java.util.regex.Pattern;

/**
 * The one naming rule of the SPI: plugin ids ({@link PluginProvider#id()}) and parameter names
 * ({@link ParamSpec#name()}) are lower-kebab, lower-case letters and digits in words joined by single
 * hyphens, starting with a letter: {@code pgd}, {@code hard-tanh}, {@code random-start}, {@code l2}.
 * {@link ParamSpec} refuses any other name when it is built, and the harness refuses a provider whose
 * id breaks the rule when it discovers it.
 */
public final class Names {

    /** Lower-kebab: {@code [a-z][a-z0-9]*(-[a-z0-9]+)*}. */
    public static final Pattern LOWER_KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The rule in words, for messages. */
    public static final String RULE = "lower-kebab (lower-case letters and digits, words joined by '-', starting with a letter,"
            + " like 'random-start')";

    private Names() {}

    /** Whether {@code name} is lower-kebab; false for null. */
    public static boolean isLowerKebab(String name) {
        return name != null && LOWER_KEBAB.matcher(name).matches();
    }
}
