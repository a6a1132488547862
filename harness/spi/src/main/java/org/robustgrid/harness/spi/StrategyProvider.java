package org.robustgrid.harness.spi;

/** Provides a training strategy: centralized, or a federated loop's local objective and aggregation. */
public interface StrategyProvider extends PluginProvider<Strategy> {}
