/** The experiment grid: its spec (file or flags), the cells it expands to, their keys, and the resumable run. */
package org.robustgrid.harness.grid;
