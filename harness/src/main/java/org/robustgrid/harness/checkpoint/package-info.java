/**
 * The checkpoint step: every file of a trained model (weights, what its training cost, federated round
 * states, the training log) has one owner, {@link org.robustgrid.harness.checkpoint.CheckpointStore},
 * and is written atomically, so a killed run leaves either the old file or the new one.
 */
package org.robustgrid.harness.checkpoint;
