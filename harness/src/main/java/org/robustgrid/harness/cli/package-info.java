/** The command line: {@code robustgrid run | plugins | leaderboard | report | merge | partition | bench | slurm | engine | new-plugin}. */
package org.robustgrid.harness.cli;
