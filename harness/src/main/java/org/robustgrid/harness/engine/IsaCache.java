package org.robustgrid.harness.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check's answers, one small {@code key=value} file per CPU model, libtorch build and thread
 * count, in the user's cache folder ({@code $XDG_CACHE_HOME/robustgrid}, else
 * {@code ~/.cache/robustgrid}). Only this class writes them; a file whose key lines differ from the
 * current machine's is ignored, so a copied home folder or a new libtorch checks again.
 */
final class IsaCache {

    /** Bumped when the probe changes what it checks, so older answers are not trusted. */
    static final int CHECK_VERSION = 1;

    /** Hidden, for tests and unusual set-ups: the cache folder. */
    static final String DIR_PROPERTY = "robustgrid.cache.dir";

    /**
     * What an answer is valid for.
     *
     * @param cpu model name, family, model and stepping, and a digest of the feature flags (a VM may hide some)
     * @param libtorch version and flavor of the native library the engine will load
     * @param threads the thread count the kernels run with (the known wrong kernels depended on it)
     */
    record Key(String cpu, String libtorch, int threads) {
        Map<String, String> lines() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("key.cpu", cpu);
            m.put("key.libtorch", libtorch);
            m.put("key.threads", Integer.toString(threads));
            m.put("key.check", Integer.toString(CHECK_VERSION));
            return m;
        }

        String fileName() {
            return "onednn-isa-" + sha256(String.join("\n", lines().values())).substring(0, 16) + ".properties";
        }
    }

    private IsaCache() {}

    /** The cache folder for this user. */
    static Path dir(Map<String, String> env) {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("robustgrid");
    }

    /** The key of this process: /proc/cpuinfo, the native library's properties, the thread count. */
    static Key currentKey(Map<String, String> env, List<String> cpuinfo) {
        return new Key(cpu(cpuinfo), libtorch(env), threads(env));
    }

    /** The file's values when its key lines are this key's, else empty. */
    static Optional<Map<String, String>> read(Path dir, Key key) {
        return read(dir.resolve(key.fileName()), key.lines(), "isa");
    }

    /** The values of {@code file} when it holds every one of {@code keyLines} and a {@code required} value, else empty. */
    static Optional<Map<String, String>> read(Path file, Map<String, String> keyLines, String required) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean same = keyLines.entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())));
        return same && values.containsKey(required) ? Optional.of(values) : Optional.empty();
    }

    /** Writes the key lines and {@code values} atomically (a temporary file, then a rename). */
    static Path write(Path dir, Key key, Map<String, String> values) throws IOException {
        return write(dir, key.fileName(), "# robustgrid's oneDNN check (NativeEnvironment). Delete this file or run with\n"
                + "# --recheck-engine to check again; ONEDNN_MAX_CPU_ISA in the environment skips the check.\n", key.lines(), values);
    }

    /** Writes {@code header}, the key lines and {@code values} to {@code dir/fileName} atomically. */
    static Path write(Path dir, String fileName, String header, Map<String, String> keyLines, Map<String, String> values)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder(header);
        Map<String, String> all = new LinkedHashMap<>(keyLines);
        all.putAll(values);
        all.forEach((k, v) -> s.append(k).append('=').append(v.replaceAll("[\\r\\n]+", " ")).append('\n'));
        Path file = dir.resolve(fileName);
        Path tmp = Files.createTempFile(dir, "." + fileName, ".tmp");
        try {
            Files.writeString(tmp, s, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** The feature flags of the first processor in {@code /proc/cpuinfo} (empty where there is none). */
    static Set<String> flags(List<String> cpuinfo) {
        return new TreeSet<>(List.of(field(cpuinfo, "flags").split("\\s+")));
    }

    static String cpu(List<String> cpuinfo) {
        return field(cpuinfo, "model name") + " (family " + field(cpuinfo, "cpu family") + " model " + field(cpuinfo, "model")
                + " stepping " + field(cpuinfo, "stepping") + ", flags " + sha256(String.join(" ", flags(cpuinfo))).substring(0, 12) + ")";
    }

    /** The threads oneDNN will use: OMP_NUM_THREADS when set, else libtorch's default of one per core. */
    static int threads(Map<String, String> env) {
        try {
            return Math.max(1, Integer.parseInt(env.getOrDefault("OMP_NUM_THREADS", "").strip()));
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The bundled native library's version and flavor, or the one named by DJL's environment variables. */
    static String libtorch(Map<String, String> env) {
        String path = env.get("PYTORCH_LIBRARY_PATH");
        if (path != null) {
            return "PYTORCH_LIBRARY_PATH=" + path + " " + env.getOrDefault("PYTORCH_VERSION", "");
        }
        Properties p = new Properties();
        try (InputStream in = IsaCache.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in != null) {
                p.load(in);
                return p.getProperty("version", "?") + " " + p.getProperty("flavor", "?") + " " + p.getProperty("classifier", "?");
            }
        } catch (IOException e) {
            // fall through: the engine's own version below
        }
        try (InputStream in = IsaCache.class.getClassLoader().getResourceAsStream("pytorch-engine.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown
        }
        return p.getProperty("pytorch_version", "unknown") + " " + env.getOrDefault("PYTORCH_FLAVOR", "");
    }

    static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String field(List<String> cpuinfo, String name) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
