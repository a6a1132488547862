/**
 * The built-in partitioners: how a training set is split over federated clients. {@code iid},
 * label skew by {@code shards} or {@code dirichlet} (NIID-Bench's {@code noniid-labeldir}), and
 * {@code quantity-skew} (NIID-Bench's {@code iid-diff-quantity}) or {@code quantity-skew-lognormal}
 * (see docs/federated.md). Every split is
 * disjoint, covers the data, leaves no client empty, and depends on the seed alone (a
 * {@link java.util.Random}, never the engine's generator). Each client's indices are ascending.
 */
package org.robustgrid.partitioners;
