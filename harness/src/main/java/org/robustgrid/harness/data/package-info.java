/**
 * The first step of a grid cell: data sets loaded into host memory as uint8 images with labels.
 * {@link org.robustgrid.harness.data.Datasets} is the entry point; Fashion-MNIST is read from IDX
 * files, CIFAR-10 from its binary batches (folder or archive, downloaded on request), and a synthetic
 * set is generated for tests.
 */
package org.robustgrid.harness.data;
