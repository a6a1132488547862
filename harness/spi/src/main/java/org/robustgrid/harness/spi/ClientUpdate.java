package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One client's state after local training.
 *
 * @param state every parameter of the model, BatchNorm running statistics included, in model order
 * @param examples the number of training examples the client holds (FedAvg's weight)
 * @param classCounts examples per class
 */
public record ClientUpdate(List<NDArray> state, long examples, long[] classCounts) {}
