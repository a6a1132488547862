/** Throughput and memory benchmarks: the adversarial-training step, attacks, and memory over thousands of steps. */
package org.robustgrid.harness.bench;
