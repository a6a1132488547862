package org.robustgrid.harness.results;

/**
 * What produced a row.
 *
 * @param harnessVersion robustgrid's version
 * @param harnessBuild which build of it: {@code git:COMMIT[+dirty]}, or {@code jar-sha256:DIGEST} when built outside git;
 *     empty for rows of schemas before 5
 * @param pluginVersions {@code id@version} of every plugin that shaped the row, space-separated
 * @param pluginSources {@code id=jar#digest} of the same plugins: the jar and the SHA-256 prefix of its contents
 * @param djlVersion DJL's version; empty when the engine never started
 * @param engine the engine and its native settings; empty when the engine never started
 * @param intraOpThreads the engine's threads within an operator; -1 when not known (the engine never started, or schema before 5)
 * @param interOpThreads the engine's threads across operators; -1 when not known
 * @param device the device label
 */
public record Provenance(String harnessVersion, String harnessBuild, String pluginVersions, String pluginSources, String djlVersion,
        String engine, int intraOpThreads, int interOpThreads, String device) {

    /** What is not known of a row's thread counts. */
    public static final int UNKNOWN_THREADS = -1;

    /** A provenance without build identity and thread counts (rows of schemas before 5). */
    public Provenance(String harnessVersion, String pluginVersions, String pluginSources, String djlVersion, String engine, String device) {
        this(harnessVersion, "", pluginVersions, pluginSources, djlVersion, engine, UNKNOWN_THREADS, UNKNOWN_THREADS, device);
    }
}
