/** The DJL engine: device choice, seeding, and the model as attacks see it. */
package org.robustgrid.harness.engine;
