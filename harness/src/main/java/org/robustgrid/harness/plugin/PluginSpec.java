package org.robustgrid.harness.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.robustgrid.harness.spi.Names;
import org.robustgrid.harness.spi.SpecException;

/**
 * A plugin spec as written by a user: {@code id} or {@code id(key=value,...)}.
 *
 * @param id the plugin id
 * @param raw the values as written, in order
 */
public record PluginSpec(String id, Map<String, String> raw) {

    /** Plugin ids: lower-kebab, the SPI's one naming rule ({@link Names}). */
    public static final Pattern ID = Names.LOWER_KEBAB;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final String SYNTAX = "expected id or id(key=value,...), e.g. pgd(eps=8/255,steps=10)";

    public PluginSpec {
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    /** Parses one spec. */
    public static PluginSpec parse(String text) {
        String s = text == null ? "" : text.strip();
        int open = s.indexOf('(');
        String id = open < 0 ? s : s.substring(0, open).strip();
        if (!ID.matcher(id).matches()) {
            throw new SpecException("malformed plugin spec '" + s + "': bad id '" + id + "'; " + SYNTAX);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        if (open >= 0) {
            if (!s.endsWith(")") || s.indexOf('(', open + 1) >= 0 || s.indexOf(')') != s.length() - 1) {
                throw new SpecException("malformed plugin spec '" + s + "': unbalanced parentheses; " + SYNTAX);
            }
            String body = s.substring(open + 1, s.length() - 1).strip();
            if (!body.isEmpty()) {
                for (String pair : body.split(",", -1)) {
                    int eq = pair.indexOf('=');
                    String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
                    String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
                    if (eq < 0 || !KEY.matcher(key).matches() || value.isEmpty()) {
                        throw new SpecException("malformed plugin spec '" + s + "': bad pair '" + pair.strip() + "'; " + SYNTAX);
                    }
                    if (raw.put(key, value) != null) {
                        throw new SpecException("malformed plugin spec '" + s + "': key '" + key + "' given twice");
                    }
                }
            }
        }
        return new PluginSpec(id, raw);
    }

    /** This spec with one value set (added, or replacing the written one). */
    public PluginSpec with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(raw);
        m.put(key, value);
        return new PluginSpec(id, m);
    }

    /** The spec as text, values as written: {@code pgd(eps=8/255,steps=10)}. */
    public String text() {
        if (raw.isEmpty()) {
            return id;
        }
        StringBuilder sb = new StringBuilder(id).append('(');
        raw.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ",").append(k).append('=').append(v));
        return sb.append(')').toString();
    }

    /** Splits a comma-separated list of specs, respecting parentheses: {@code fgsm,pgd(eps=8/255,steps=10)}. */
    public static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(text.substring(start).strip());
        out.removeIf(String::isEmpty);
        return out;
    }
}
