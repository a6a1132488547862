/** The command line: {@code robustgrid run | plugins | leaderboard | report | merge | partition | bench}. */
package org.robustgrid.harness.cli;
