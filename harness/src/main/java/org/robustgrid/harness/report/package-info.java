/**
 * Reading results for people: the leaderboard (text and CSV) and the self-contained HTML report, one
 * class per section of the page, with its charts drawn as inline SVG.
 */
package org.robustgrid.harness.report;
