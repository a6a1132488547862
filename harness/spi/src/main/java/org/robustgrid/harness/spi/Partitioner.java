package org.robustgrid.harness.spi;

import java.util.List;

/**
 * Splits a training set over federated clients by label.
 *
 * <p>Contract: the lists are disjoint, together they cover every index in
 * {@code 0..labels.length-1}, none is empty, and the same inputs give the same split.
 */
public interface Partitioner {

    /**
     * @param labels the training labels, values in {@code [0, numClasses)}
     * @param numClasses number of classes
     * @param clients number of clients, at least 1
     * @param seed seed for every random choice
     * @return one array of training-set indices per client
     */
    List<int[]> split(int[] labels, int numClasses, int clients, long seed);
}
