/** Evaluation of a trained model: natural accuracy, then robust accuracy under each eval attack. */
package org.robustgrid.harness.evaluate;
