/**
 * The partition step of the data path: the training set split over federated clients by a
 * partitioner plugin, each client's data extended by its slice of the shared pool
 * ({@link org.robustgrid.harness.partition.DataSharing}), and the result shown as a per-client
 * class histogram ({@link org.robustgrid.harness.partition.ClientHistogram}).
 */
package org.robustgrid.harness.partition;
