package org.robustgrid.harness.spi;

import java.util.Locale;

/** The five kinds of plugin, each an axis of the experiment grid. */
public enum PluginKind {
    ACTIVATION(ActivationProvider.class),
    ATTACK(AttackProvider.class),
    PARTITIONER(PartitionerProvider.class),
    STRATEGY(StrategyProvider.class),
    MODEL(ModelProvider.class);

    private final Class<? extends PluginProvider<?>> providerType;

    PluginKind(Class<? extends PluginProvider<?>> providerType) {
        this.providerType = providerType;
    }

    /** The service interface that {@code META-INF/services} names for this kind. */
    public Class<? extends PluginProvider<?>> providerType() {
        return providerType;
    }

    /** Lower-case name used in messages and listings ({@code attack}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
