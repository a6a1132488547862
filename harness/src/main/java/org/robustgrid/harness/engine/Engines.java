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
        if (System.getenv("ONEDNN_MAX_CPU_ISA") == null && Platform.isLinux() && Platform.isIntel()) {
            try {
                // oneDNN reads the variable from the C environment when it first dispatches a kernel.
                CLibrary.INSTANCE.setenv("ONEDNN_MAX_CPU_ISA", ONEDNN_ISA, 0);
            } catch (UnsatisfiedLinkError e) {
                LOG.warn("cannot set ONEDNN_MAX_CPU_ISA={}; set it in the environment", ONEDNN_ISA, e);
            }
        }
    }

    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}
