package org.robustgrid.harness.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers that robustgrid measures once per machine and then reads (which activation layout is faster,
 * for one): cached beside the oneDNN check's answer, in files named {@code KIND-DIGEST.properties}, valid
 * for this CPU, libtorch build, thread count and oneDNN instruction set, plus the caller's own key.
 * Deleting the file, or {@code --recheck-engine}, measures again.
 */
public final class MeasuredChoices {

    private MeasuredChoices() {}

    /**
     * The cached values for {@code kind} under {@code key}, or, when there are none, what {@code measure}
     * returns, cached. Processes on this machine measure one at a time (a lock file beside the answer), so
     * those that start together (the tasks of a job array) all read the one answer the first measured,
     * and none measures while another's measurement runs.
     *
     * @param measure measures and returns the values (those to cache); its {@code where} argument says
     *     where they will be cached, for its message
     */
    public static synchronized Map<String, String> readOrMeasure(String kind, Map<String, String> key, String required,
            Function<String, Map<String, String>> measure) {
        Map<String, String> lines = keyLines(key);
        Path dir = dir();
        Path file = dir.resolve(fileName(kind, lines));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return measure.apply("not cached: " + e.getMessage());
        }
        Path lock = dir.resolve(fileName(kind, lines) + ".lock");
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            if (!NativeEnvironment.rechecking()) {
                Optional<Map<String, String>> cached = IsaCache.read(file, lines, required);
                if (cached.isPresent()) {
                    return cached.get();
                }
            }
            Map<String, String> values = measure.apply("cached in " + file);
            try {
                IsaCache.write(dir, file.getFileName().toString(), "# robustgrid measured this once on this machine (" + kind
                        + "). Delete this file or run with --recheck-engine to measure again.\n", lines, values);
            } catch (IOException e) {
                System.err.println("robustgrid: could not cache " + file + ": " + e.getMessage());
            }
            return values;
        } catch (IOException e) {
            // no lock file (a read-only cache folder): measure without caching
            return measure.apply("not cached: " + e.getMessage());
        }
    }

    private static Path dir() {
        return IsaCache.dir(System.getenv());
    }

    private static Map<String, String> keyLines(Map<String, String> key) {
        Map<String, String> lines = new LinkedHashMap<>(IsaCache.currentKey(System.getenv(), IsaCache.cpuinfo()).lines());
        lines.put("key.isa", NativeEnvironment.current().map(NativeEnvironment.Decision::isa).orElse(""));
        lines.putAll(key);
        return lines;
    }

    private static String fileName(String kind, Map<String, String> lines) {
        return kind + "-" + IsaCache.sha256(String.join("\n", lines.values())).substring(0, 16) + ".properties";
    }
}
