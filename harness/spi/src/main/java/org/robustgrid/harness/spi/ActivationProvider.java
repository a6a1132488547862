package org.robustgrid.harness.spi;

/** Provides an activation function: the nonlinearity used everywhere the model has one. */
public interface ActivationProvider extends PluginProvider<Activation> {}
