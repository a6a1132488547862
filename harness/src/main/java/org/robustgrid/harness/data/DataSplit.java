package org.robustgrid.harness.data;

/**
 * A data set's training and test parts.
 *
 * @param train the training images
 * @param test the test images
 */
public record DataSplit(Dataset train, Dataset test) {}
