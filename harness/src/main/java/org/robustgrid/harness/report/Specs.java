package org.robustgrid.harness.report;


import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.spi.SpecException;

/**
 * Short labels for canonical plugin specs, parsed with the harness's one spec parser ({@link PluginSpec}). A results file holds every parameter of every plugin
 * ({@code pgd(alpha=0.00784313725490196,eps=0.03137254901960784,random-start=true,steps=20)}), too
 * long for an axis: a label keeps the id and only the parameters that tell specs with one id apart.
 */
final class Specs {

    private Specs() {}

    /** The plugin id of a spec; the text itself when it is no spec ({@code none}, a hand-written cell). */
    static String id(String spec) {
        try {
            return PluginSpec.parse(spec).id();
        } catch (SpecException e) {
            return spec.strip();
        }
    }

    /** The parameters of a spec in written order, values as written; empty when it is no spec. */
    static Map<String, String> params(String spec) {
        try {
            return PluginSpec.parse(spec).raw();
        } catch (SpecException e) {
            return Map.of();
        }
    }

    /**
     * A label per spec, in the given order: the id alone where it is unique among {@code specs},
     * else the id with the parameters whose values differ between the specs sharing it.
     */
    static Map<String, String> labels(Collection<String> specs) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (String s : specs) {
            byId.computeIfAbsent(id(s), k -> new ArrayList<>()).add(s);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : specs) {
            List<String> same = byId.get(id(s));
            if (same.size() == 1) {
                out.put(s, id(s));
                continue;
            }
            Map<String, String> mine = params(s);
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> e : mine.entrySet()) {
                boolean differs = same.stream().anyMatch(o -> !Objects.equals(params(o).get(e.getKey()), e.getValue()));
                if (differs) {
                    parts.add(e.getKey() + "=" + SpecText.value(e.getValue()));
                }
            }
            out.put(s, parts.isEmpty() ? s : id(s) + "(" + String.join(",", parts) + ")");
        }
        return out;
    }
}
