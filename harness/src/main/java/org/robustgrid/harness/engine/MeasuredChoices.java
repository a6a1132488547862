package org.robustgrid.harness.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers that robustgrid measures once per machine and then reads (which activation layout is faster,
 * for one): cached beside the oneDNN check's answer, in files named {@code KIND-DIGEST.properties}, valid
 * for this CPU, libtorch build, thread count and oneDNN instruction set, plus the caller's own key.
 * Deleting the file, or {@code --recheck-engine}, measures again.
 */
public final class MeasuredChoices {

    private MeasuredChoices() {}

    /** The cached values for {@code kind} under {@code key}, if any. */
    public static Optional<Map<String, String>> read(String kind, Map<String, String> key, String required) {
        if (NativeEnvironment.rechecking()) {
            return Optional.empty();
        }
        Map<String, String> lines = keyLines(key);
        return IsaCache.read(dir().resolve(fileName(kind, lines)), lines, required);
    }

    /** Caches {@code values} for {@code kind} under {@code key}; returns the file. */
    public static Path write(String kind, Map<String, String> key, Map<String, String> values) throws IOException {
        Map<String, String> lines = keyLines(key);
        return IsaCache.write(dir(), fileName(kind, lines), "# robustgrid measured this once on this machine (" + kind
                + "). Delete this file or run with --recheck-engine to measure again.\n", lines, values);
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
