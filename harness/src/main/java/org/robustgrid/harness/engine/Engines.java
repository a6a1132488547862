package org.robustgrid.harness.engine;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PyTorch engine, started offline and with the native settings robustgrid needs. */
public final class Engines {

    /** DJL's name for the engine robustgrid runs on. */
    public static final String NAME = "PyTorch";

    /**
     * Highest CPU instruction set oneDNN may use unless the user sets {@code ONEDNN_MAX_CPU_ISA}.
     * The AVX2 and AVX-512 kernels of the oneDNN inside DJL's libtorch 2.7.1 compute wrong input
     * gradients of convolutions on this project's AMD EPYC machines (checked against finite
     * differences), NaN at random with two or more threads; the AVX kernels are correct. Attacks and
     * training both pass gradients through convolution inputs, so correctness wins over speed here.
     */
    public static final String ONEDNN_ISA = "AVX";

    /**
     * glibc settings for tensors: one arena, no mmap, no trimming, so freed tensors are reused in place;
     * and no thread cache, whose cached slivers (the tails {@code posix_memalign} cuts off) would pin
     * each freed tensor between them and make the next one take fresh memory. The launcher's value.
     */
    public static final String ALLOCATOR_TUNABLES = "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.tcache_count=0"
            + ":glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456";

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

    private static volatile boolean prepared;

    private Engines() {}

    /** The engine, with DJL's download and tracking turned off and oneDNN's ISA capped before first use. */
    public static Engine get() {
        prepare();
        return Engine.getEngine(NAME);
    }

    /** Seeds the engine's random generator (random starts, noise, initialization). */
    public static void seed(long seed) {
        get().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** {@code PyTorch 2.7.1} style label for provenance. */
    public static String describe() {
        Engine e = get();
        return e.getEngineName() + " " + e.getVersion();
    }

    /** DJL's own version. */
    public static String djlVersion() {
        String v = Engine.getDjlVersion();
        return v == null || v.isBlank() ? "unknown" : v;
    }

    private static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        checkAllocator();
        if (System.getenv("ONEDNN_MAX_CPU_ISA") == null && Platform.isLinux() && Platform.isIntel()) {
            try {
                // oneDNN reads the variable from the C environment when it first dispatches a kernel.
                CLibrary.INSTANCE.setenv("ONEDNN_MAX_CPU_ISA", ONEDNN_ISA, 0);
            } catch (UnsatisfiedLinkError e) {
                LOG.warn("cannot set ONEDNN_MAX_CPU_ISA={}; set it in the environment", ONEDNN_ISA, e);
            }
        }
    }

    /**
     * Says, once, when glibc's allocator runs with its defaults. libtorch takes every CPU tensor from
     * {@code malloc}; glibc serves blocks above 32 MiB with a fresh {@code mmap} and unmaps them on
     * {@code free}, so each activation of a ResNet-18 step at batch 128 is faulted in and zeroed by the
     * kernel again on every pass: more than half of a CPU adversarial-training step on the development
     * machine (docs/performance.md). The launcher sets {@link #ALLOCATOR_TUNABLES} before the JVM starts
     * (glibc reads it only then); a JVM started some other way is told what to set, unless the user
     * chose glibc's defaults ({@code ROBUSTGRID_ALLOCATOR=system}) or settings of their own.
     */
    private static void checkAllocator() {
        if (!Platform.isLinux() || System.getenv("GLIBC_TUNABLES") != null || "system".equals(System.getenv("ROBUSTGRID_ALLOCATOR"))
                || System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_"))) {
            return;
        }
        LOG.warn("glibc's allocator runs with its defaults, so CPU training steps run about 2x slower; start the JVM with "
                + "GLIBC_TUNABLES={} in its environment, as ./robustgrid does (docs/performance.md)", ALLOCATOR_TUNABLES);
    }

    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}
