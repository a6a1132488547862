package org.robustgrid.harness.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.robustgrid.harness.spi.Seeding;

/**
 * The PyTorch engine, started offline and with the native settings robustgrid needs. Every engine
 * start goes through {@link #get()}: {@code NDManager.newBaseManager()} and {@code Engine.getInstance()}
 * would load libtorch before {@link NativeEnvironment} has chosen oneDNN's instruction set.
 */
public final class Engines {

    /** DJL's name for the engine robustgrid runs on. */
    public static final String NAME = "PyTorch";

    private static volatile boolean prepared;

    private Engines() {}

    /** The engine, with DJL's download and tracking turned off and oneDNN's ISA decided before first use. */
    public static Engine get() {
        prepare();
        return Engine.getEngine(NAME);
    }

    /** Seeds the engine's random generator (random starts, noise, initialization): {@link Seeding}, once the engine is prepared. */
    public static void seed(long seed) {
        Seeding.seed(get(), seed);
    }

    /**
     * {@code PyTorch 2.7.1 onednn-isa=ALL (checked)} style label for provenance: the engine, and the
     * instruction set oneDNN ran at with where that choice came from (checked, user, unchecked).
     */
    public static String describe() {
        Engine e = get();
        String isa = NativeEnvironment.current().map(NativeEnvironment.Decision::label).orElse("");
        return e.getEngineName() + " " + e.getVersion() + (isa.isEmpty() ? "" : " " + isa);
    }

    /** The engine's threads within one operator (libtorch's intra-op pool): they change the order of float sums, so the last digits. */
    public static int intraOpThreads() {
        get();
        return JniUtils.getNumThreads();
    }

    /** The engine's threads across independent operators (libtorch's inter-op pool). */
    public static int interOpThreads() {
        get();
        return JniUtils.getNumInteropThreads();
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
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        NativeEnvironment.prepare();
        prepared = true;
    }
}
