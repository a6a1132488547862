package org.robustgrid.harness.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A plugin's parameter values, checked against its declaration: every declared key has a value (the
 * given one or the default), no other key is present, and every value has its type and range.
 */
public final class Params {

    private final String pluginId;
    private final Map<String, ParamSpec> specs;
    private final Map<String, String> values;

    private Params(String pluginId, Map<String, ParamSpec> specs, Map<String, String> values) {
        this.pluginId = pluginId;
        this.specs = specs;
        this.values = values;
    }

    /**
     * Checks raw values against a declaration and fills in defaults.
     *
     * @param pluginId the plugin's id, for messages
     * @param declared the plugin's declared parameters
     * @param raw the values as written in the spec, key (a parameter's name or one of its aliases) to text
     * @throws SpecException naming the key, what was wrong and what is accepted
     */
    public static Params resolve(String pluginId, List<ParamSpec> declared, Map<String, String> raw) {
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        Map<String, String> canonicalKey = new LinkedHashMap<>();
        for (ParamSpec p : declared) {
            specs.put(p.name(), p);
            canonicalKey.put(p.name(), p.name());
        }
        for (ParamSpec p : declared) {
            for (String alias : p.aliases()) {
                String other = canonicalKey.put(alias, p.name());
                if (other != null) {
                    throw new IllegalStateException("plugin '" + pluginId + "' declares '" + alias + "' for both '" + other
                            + "' and '" + p.name() + "'; expected each key to name one parameter");
                }
            }
        }
        Map<String, String> givenAs = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = canonicalKey.get(e.getKey());
            if (name == null) {
                throw new SpecException("unknown parameter '" + e.getKey() + "' for '" + pluginId + "'; "
                        + (specs.isEmpty() ? "it takes no parameters" : "it takes: " + String.join(", ", canonicalKey.keySet())));
            }
            if (givenAs.containsKey(name)) {
                throw new SpecException("parameter '" + name + "' of '" + pluginId + "' is given twice (as '"
                        + givenAs.get(name) + "' and as '" + e.getKey() + "'); expected one of them");
            }
            givenAs.put(name, e.getKey());
            given.put(name, e.getValue());
        }
        Map<String, String> values = new TreeMap<>();
        for (ParamSpec p : declared) {
            String text = given.getOrDefault(p.name(), p.defaultValue());
            values.put(p.name(), normalize(pluginId, p, text.trim()));
        }
        return new Params(pluginId, specs, Collections.unmodifiableMap(values));
    }

    /** Defaults only; for plugins created in code and in tests. */
    public static Params defaults(PluginProvider<?> provider) {
        return resolve(provider.id(), provider.parameters(), Map.of());
    }

    /** The value of a REAL parameter. */
    public double real(String name) {
        return Double.parseDouble(value(name, ParamSpec.Type.REAL));
    }

    /** The value of an INT parameter. */
    public int integer(String name) {
        return Math.toIntExact(Long.parseLong(value(name, ParamSpec.Type.INT)));
    }

    /** The value of a BOOL parameter. */
    public boolean bool(String name) {
        return Boolean.parseBoolean(value(name, ParamSpec.Type.BOOL));
    }

    /** The value of a CHOICE parameter. */
    public String choice(String name) {
        return value(name, ParamSpec.Type.CHOICE);
    }

    /** Every value, normalized, sorted by key. */
    public Map<String, String> values() {
        return values;
    }

    /**
     * The canonical spec: id and every value (defaults included) in normalized form, keys sorted:
     * {@code pgd(alpha=0.00784313725490196,eps=0.03137254901960784,...)}. Equal settings give equal text.
     */
    public String canonical() {
        if (values.isEmpty()) {
            return pluginId;
        }
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", pluginId + "(", ")"));
    }

    @Override
    public String toString() {
        return canonical();
    }

    private String value(String name, ParamSpec.Type type) {
        ParamSpec spec = specs.get(name);
        if (spec == null || spec.type() != type) {
            throw new IllegalStateException("plugin '" + pluginId + "' reads undeclared " + type + " parameter '" + name + "'");
        }
        return values.get(name);
    }

    private static String normalize(String pluginId, ParamSpec p, String text) {
        return p.normalize(text, "parameter '" + p.name() + "' of '" + pluginId + "'");
    }

    /** Parses a real written as a decimal or a fraction ({@code 8/255}); NaN when it is neither. */
    public static double parseReal(String text) {
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return Double.parseDouble(text);
            }
            double den = Double.parseDouble(text.substring(slash + 1));
            return den == 0 ? Double.NaN : Double.parseDouble(text.substring(0, slash)) / den;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Shortest exact decimal text of a double, locale-independent. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
