/** The networks: the CIFAR ResNet-18 of the study and a small CNN for quick runs, activation as a parameter. */
package org.robustgrid.harness.model;
