package org.robustgrid.harness.spi;

/** Provides a partitioner: how the training set is split over federated clients. */
public interface PartitionerProvider extends PluginProvider<Partitioner> {}
