package org.robustgrid.harness.spi;

/** Provides a network architecture: the model axis of the grid ({@code resnet18}, {@code small-cnn}). */
public interface ModelProvider extends PluginProvider<Architecture> {}
