package org.robustgrid.harness.spi;

import java.util.List;

/**
 * What every plugin provider has: an id, a description, its parameters and a factory.
 *
 * @param <T> what the provider creates
 */
public interface PluginProvider<T> {

    /** The stable id used in specs, lower-kebab ({@link Names}), e.g. {@code pgd} or {@code hard-tanh}. */
    String id();

    /** One line for {@code robustgrid plugins}. */
    String description();

    /** The declared parameters, in the order help text should show them. Empty when there are none. */
    default List<ParamSpec> parameters() {
        return List.of();
    }

    /**
     * Creates the plugin's object from parameters that the harness has already checked against
     * {@link #parameters()} (unknown keys, types and ranges). A provider may reject combinations of
     * values by throwing {@link SpecException} with a message naming the keys.
     */
    T create(Params params);
}
