/**
 * The record step: {@code results.csv}, one typed row per evaluation ({@link org.robustgrid.harness.results.ResultRow}),
 * its versioned schema ({@link org.robustgrid.harness.results.Column}), the store that appends and flushes row by
 * row, and the merge of shards.
 */
package org.robustgrid.harness.results;
