/**
 * Statistics for published numbers, pure Java and independent of the engine: Wilson intervals for
 * accuracies, McNemar's exact test for two models attacked on the same images, rank groups (ties the
 * data cannot separate), mean and spread over seeds, and robust accuracy as a function of the budget
 * from per-image minimal perturbation norms. Golden values come from {@code scripts/stats_oracle.py}.
 */
package org.robustgrid.harness.stats;
