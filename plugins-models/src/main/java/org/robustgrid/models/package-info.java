/**
 * The built-in model architectures, each with the activation as a parameter at every nonlinearity:
 * the CIFAR ResNet-18 of the study and a small CNN for quick runs.
 *
 * <p>One provider per architecture, and the architecture as a record of its parameters. BatchNorms and
 * residual sums are made through the SPI's {@link org.robustgrid.harness.spi.Layers}, so that the
 * harness folds them for inference; convolutions are bias-free where a BatchNorm follows, as in the
 * PyTorch reference networks.
 */
package org.robustgrid.models;
