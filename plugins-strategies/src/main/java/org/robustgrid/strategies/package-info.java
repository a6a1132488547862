/**
 * The built-in training strategies: {@code centralized}; the federated {@code fedavg},
 * {@code fedprox} and {@code calfat}; and the robust aggregators {@code fedmedian} and
 * {@code trimmed-mean}. Every aggregation stacks each state entry (BatchNorm running statistics
 * included) along a new axis 0 and reduces it, returning fresh arrays on the manager of the first
 * update's first array. What each does with BatchNorm statistics, and after which source: docs/federated.md.
 */
package org.robustgrid.strategies;
