package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.List;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.SpecException;

/**
 * One key of a grid file (and flag of {@code robustgrid run}), declared with the parameter types plugins
 * use, so its range check, default and help come from one place.
 *
 * @param spec the key's name, value type, default, range and help
 * @param axis whether the value is a comma-separated list that the grid crosses with its other axes
 */
public record GridKey(ParamSpec spec, boolean axis) {

    public String name() {
        return spec.name();
    }

    /** Each element of the value checked and normalized; one element for a key that is not an axis. */
    List<String> check(String value) {
        String where = "grid key '" + name() + "'";
        if (!axis) {
            return List.of(spec.normalize(value.strip(), where));
        }
        List<String> items = PluginSpec.splitList(value);
        if (items.isEmpty()) {
            throw new SpecException(where + " is empty; expected " + spec.doc());
        }
        List<String> out = new ArrayList<>();
        for (String item : items) {
            out.add(spec.normalize(item, where + " has an element that"));
        }
        return out;
    }

    /** {@code help (default: x)}, for flags and listings. */
    public String help() {
        return spec.doc() + "; " + spec.accepted() + (axis ? ", a comma-separated list (an axis)" : "") + " (default: "
                + spec.defaultValue() + ")";
    }
}
