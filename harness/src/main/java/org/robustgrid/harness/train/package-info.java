/**
 * Training: the adversarial-training recipe, one step of it, and the loops that run it centralized
 * or over federated clients and rounds.
 */
package org.robustgrid.harness.train;
