package org.robustgrid.harness.train;

/**
 * What the trainer reads back from the device every few steps: the training curve's point.
 *
 * @param loss the mean loss over the steps since the previous reading
 * @param cleanAccuracy accuracy on this step's clean batch, the model in inference mode after the step
 * @param adversarialAccuracy accuracy on this step's adversarial batch (NaN when it trains without one)
 */
public record Reading(double loss, double cleanAccuracy, double adversarialAccuracy) {}
