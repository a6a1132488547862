/** The results file (one CSV row per evaluation, appended and flushed row by row), leaderboards and reports. */
package org.robustgrid.harness.results;
