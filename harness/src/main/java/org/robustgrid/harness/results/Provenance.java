package org.robustgrid.harness.results;

/**
 * What produced a row.
 *
 * @param harnessVersion robustgrid's version
 * @param pluginVersions {@code id@version} of every plugin that shaped the row, space-separated
 * @param pluginSources {@code id=jar#digest} of the same plugins: the jar and the SHA-256 prefix of its contents
 * @param djlVersion DJL's version; empty when the engine never started
 * @param engine the engine and its native settings; empty when the engine never started
 * @param device the device label
 */
public record Provenance(String harnessVersion, String pluginVersions, String pluginSources, String djlVersion, String engine, String device) {}
