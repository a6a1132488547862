package org.robustgrid.harness.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native environment of every robustgrid process, decided in one place.
 *
 * <ul>
 *   <li>glibc's allocator settings ({@link #GLIBC_TUNABLES}): glibc reads them only when a process
 *       starts, so the launcher and the test runner set them; both take the value from the file this
 *       class reads ({@code native-environment.properties}, written by the build from the parent POM's
 *       {@code robustgrid.glibc.tunables}, the only place the value is spelled out).
 *   <li>oneDNN's instruction set ({@code ONEDNN_MAX_CPU_ISA}): chosen by measurement ({@link IsaCheck})
 *       the first time the engine is asked for on a machine, cached, and set in this process's C
 *       environment before libtorch loads. The user's own {@code ONEDNN_MAX_CPU_ISA} wins and skips the check.
 * </ul>
 *
 * {@link Engines#get()} calls {@link #prepare()}; nothing else should start the engine.
 */
public final class NativeEnvironment {

    /** oneDNN's variable for the highest instruction set it may dispatch to. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    /** glibc settings for tensors: see native-environment.properties and docs/performance.md. */
    public static final String GLIBC_TUNABLES = resource().getProperty("glibc.tunables");

    /**
     * The level used when the check cannot run (a child that does not start or times out): AVX was
     * correct on every machine this project has seen, and is what robustgrid used before the check.
     */
    static final String FALLBACK_ISA = "AVX";

    /** Where a decision came from. */
    public enum Source { CHECKED, USER, UNCHECKED, NOT_APPLICABLE }

    /**
     * The instruction set oneDNN runs at in this process.
     *
     * @param isa the {@code ONEDNN_MAX_CPU_ISA} value; empty for {@link Source#NOT_APPLICABLE}
     * @param source checked (now or from the cache), set by the user, unchecked fallback, or not an x86 Linux machine
     * @param verdict what the check found, e.g. {@code wrong at ALL; correct at AVX2}
     * @param onednnIsa oneDNN's own name for what it dispatched to at that level, when known
     */
    public record Decision(String isa, Source source, String verdict, String onednnIsa) {
        /** {@code onednn-isa=AVX2 (checked)}: the part of the engine's provenance this class owns. */
        public String label() {
            return source == Source.NOT_APPLICABLE ? "" : "onednn-isa=" + isa + " (" + source.name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(NativeEnvironment.class);

    private static Decision decision;
    private static boolean recheck;

    private NativeEnvironment() {}

    /**
     * Makes {@link #prepare()} run the check even when the cache has an answer ({@code --recheck-engine}).
     * Has no effect once this process has decided: oneDNN cannot change its level after it has dispatched.
     */
    public static synchronized void recheck() {
        recheck = true;
    }

    /**
     * Decides oneDNN's instruction set (once per process) and sets it in the C environment; says on
     * stderr what a check found when it runs one (once per machine, libtorch and thread count: a
     * cached answer is only logged, so that a run that fails on bad input still prints one line);
     * warns when glibc runs with its default settings. Call before libtorch loads.
     *
     * @throws IllegalStateException when the check found every instruction set wrong
     */
    public static synchronized Decision prepare() {
        if (decision != null) {
            return decision;
        }
        Map<String, String> env = System.getenv();
        warnIfDefaultAllocator(env);
        Decision d = decide(env, System.err);
        if (d.source() == Source.CHECKED || d.source() == Source.UNCHECKED) {
            try {
                // oneDNN reads the variable from the C environment when it first dispatches a kernel
                CLibrary.INSTANCE.setenv(ISA_VARIABLE, d.isa(), 1);
            } catch (UnsatisfiedLinkError e) {
                throw new IllegalStateException("cannot set " + ISA_VARIABLE + "=" + d.isa() + " for oneDNN; set it in the environment", e);
            }
        }
        decision = d;
        return d;
    }

    /** Whether {@code --recheck-engine} asked to check and measure again in this process. */
    static synchronized boolean rechecking() {
        return recheck;
    }

    /** The decision so far, if {@link #prepare()} has run. */
    public static synchronized Optional<Decision> current() {
        return Optional.ofNullable(decision);
    }

    /**
     * Shell {@code export} lines that give another process (plain PyTorch, in bench/compare.sh) this
     * process's native settings: the allocator's, when the launcher would set them, and oneDNN's level.
     */
    public static List<String> exports() {
        List<String> lines = new ArrayList<>();
        Map<String, String> env = System.getenv();
        if (allocatorWanted(env)) {
            lines.add("export GLIBC_TUNABLES=" + GLIBC_TUNABLES);
        } else if (env.get("GLIBC_TUNABLES") != null) {
            lines.add("export GLIBC_TUNABLES=" + env.get("GLIBC_TUNABLES"));
        }
        Decision d = prepare();
        if (d.source() != Source.NOT_APPLICABLE) {
            lines.add("export " + ISA_VARIABLE + "=" + d.isa());
        }
        return lines;
    }

    /**
     * Whether this process should run with {@link #GLIBC_TUNABLES}: on Linux, unless the user chose
     * glibc's defaults ({@code ROBUSTGRID_ALLOCATOR=system}) or settings of their own.
     */
    static boolean allocatorWanted(Map<String, String> env) {
        return Platform.isLinux() && env.get("GLIBC_TUNABLES") == null && !"system".equals(env.get("ROBUSTGRID_ALLOCATOR"))
                && env.keySet().stream().noneMatch(k -> k.startsWith("MALLOC_"));
    }

    /** The decision for this environment: the user's, the cache's, or a fresh check's. */
    static Decision decide(Map<String, String> env, PrintStream err) {
        if (!Platform.isLinux() || !Platform.isIntel()) {
            return new Decision("", Source.NOT_APPLICABLE, "no check off x86 Linux", "");
        }
        String user = env.get(ISA_VARIABLE);
        if (user != null && !user.isBlank()) {
            LOG.info("oneDNN at {}={}, as set in the environment (not checked)", ISA_VARIABLE, user);
            return new Decision(user, Source.USER, "set by the user", "");
        }
        List<String> cpuinfo = IsaCache.cpuinfo();
        IsaCache.Key key = IsaCache.currentKey(env, cpuinfo);
        Path dir = IsaCache.dir(env);
        Optional<Map<String, String>> cached = recheck ? Optional.empty() : IsaCache.read(dir, key);
        if (cached.isPresent()) {
            Map<String, String> c = cached.get();
            Decision d = new Decision(c.get("isa"), Source.CHECKED, c.getOrDefault("verdict", ""), c.getOrDefault("onednn", ""));
            // said on stderr when it was checked; from then on in the logs, `robustgrid engine` and every row's provenance
            LOG.info("oneDNN at {} ({}): convolution gradients {} (checked {} at {} thread(s); --recheck-engine checks again)", d.isa(),
                    describe(d), d.verdict(), c.getOrDefault("checked", "?"), key.threads());
            return d;
        }
        return check(err, key, dir, IsaCache.flags(cpuinfo), IsaCheck.children(childEnv(env), childProperties()));
    }

    /** Runs the check, caches a complete answer, and says what it found. */
    static Decision check(PrintStream err, IsaCache.Key key, Path dir, Set<String> cpuFlags, IsaCheck.Prober prober) {
        err.println("robustgrid: checking oneDNN's convolution gradients on this CPU at " + key.threads()
                + " thread(s); once per machine and thread count, a few seconds...");
        long start = System.nanoTime();
        IsaCheck.Result r = IsaCheck.walk(cpuFlags, prober);
        double seconds = (System.nanoTime() - start) / 1e9;
        String details = String.join("; ", r.tried().stream().map(p -> p.isa() + ": " + p.detail()).toList());
        if (!r.complete()) {
            err.println("robustgrid: the oneDNN check could not run (" + r.summary() + "); using " + FALLBACK_ISA
                    + " for this run, unchecked");
            return new Decision(FALLBACK_ISA, Source.UNCHECKED, r.summary(), "");
        }
        String onednn = r.tried().get(r.tried().size() - 1).onednnIsa();
        Decision d = new Decision(r.isa() == null ? "none" : r.isa(), Source.CHECKED, r.summary(), onednn);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("isa", d.isa());
        values.put("verdict", d.verdict());
        values.put("onednn", onednn);
        values.put("details", details);
        values.put("checked", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        values.put("check.seconds", String.format(Locale.ROOT, "%.1f", seconds));
        String where;
        try {
            where = "cached in " + IsaCache.write(dir, key, values);
        } catch (IOException | UncheckedIOException e) {
            where = "not cached: " + e.getMessage();
        }
        if (r.isa() == null) {
            throw new IllegalStateException("oneDNN computes wrong convolution gradients on this CPU at every instruction set tried ("
                    + details + "); " + where + ". Set " + ISA_VARIABLE + " to run anyway, at your own risk");
        }
        err.printf(Locale.ROOT, "robustgrid: oneDNN checked in %.1f s: convolution gradients %s; using %s (%s); %s%n", seconds,
                d.verdict(), d.isa(), describe(d), where);
        for (IsaCheck.Probe p : r.tried()) {
            if (p.outcome() == IsaCheck.Outcome.WRONG) {
                err.println("robustgrid:   at " + p.isa() + ": " + p.detail());
            }
        }
        return d;
    }

    private static String describe(Decision d) {
        return d.onednnIsa().isEmpty() ? "oneDNN's name unknown" : d.onednnIsa();
    }

    /** The child's environment on top of this one's: the allocator settings the launcher would give it. */
    private static Map<String, String> childEnv(Map<String, String> env) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (allocatorWanted(env)) {
            extra.put("GLIBC_TUNABLES", GLIBC_TUNABLES);
        }
        extra.put("OPT_OUT_TRACKING", "true");
        return extra;
    }

    /** DJL's settings and the hidden test hook pass on; the child's own logging stays quiet. */
    private static List<String> childProperties() {
        List<String> props = new ArrayList<>();
        props.add("-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"));
        props.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> (k.startsWith("ai.djl.") && !k.equals("ai.djl.offline")) || k.equals(ConvGradientProbe.PERTURB_PROPERTY))
                .sorted().forEach(k -> props.add("-D" + k + "=" + System.getProperty(k)));
        return props;
    }

    /**
     * Says, once, when glibc's allocator runs with its defaults: libtorch takes every CPU tensor from
     * {@code malloc}, and with the defaults glibc maps and unmaps each large one afresh, so more than
     * half of a CPU adversarial-training step went to page faults (docs/performance.md).
     */
    private static void warnIfDefaultAllocator(Map<String, String> env) {
        if (allocatorWanted(env)) {
            LOG.warn("glibc's allocator runs with its defaults, so CPU training steps run about 2x slower; start the JVM with "
                    + "GLIBC_TUNABLES={} in its environment, as ./robustgrid does (docs/performance.md)", GLIBC_TUNABLES);
        }
    }

    private static Properties resource() {
        Properties p = new Properties();
        try (InputStream in = NativeEnvironment.class.getResourceAsStream("native-environment.properties")) {
            if (in == null) {
                throw new IllegalStateException("native-environment.properties is missing from the harness jar; rebuild it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (p.getProperty("glibc.tunables", "").isBlank() || p.getProperty("glibc.tunables").contains("${")) {
            throw new IllegalStateException("native-environment.properties has no glibc.tunables value; rebuild with Maven");
        }
        return p;
    }

    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}
