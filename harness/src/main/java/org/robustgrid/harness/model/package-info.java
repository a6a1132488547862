/**
 * The networks as the engine runs them: an architecture plugin's block behind the input normalization,
 * initialized on a device ({@link org.robustgrid.harness.model.Network}), folded for inference and laid
 * out in memory as measured.
 */
package org.robustgrid.harness.model;
